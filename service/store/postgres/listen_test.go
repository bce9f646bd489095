package postgres_test

import (
	"context"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
	"sesame/service/store/storetest"
)

// listenedKey stores a firm, the Loop service and one key, and returns the key's ID.
func listenedKey(t *testing.T, s *postgres.Store, id string) string {
	t.Helper()
	ctx := t.Context()
	if id == "0000-0000-0000-0001" {
		if err := s.AddTiers(ctx, service.Tiers{Code: "95963", Name: "FUTUROSCOPE CEDEX"}); err != nil {
			t.Fatal(err)
		}
		if err := s.PutCatalogue(ctx, service.Catalogue{Categories: []string{"Services en ligne"},
			Entries: []service.CatalogueEntry{{ID: "loop-apikey", Name: "Loop APIkey", Category: "Services en ligne", AcceptsKeys: true}}}); err != nil {
			t.Fatal(err)
		}
	}
	k := store.KeyRecord{Key: service.Key{ID: id, Tiers: "95963", Service: "loop-apikey", Name: "Clé " + id,
		CreatedAt: time.Now(), CreatedBy: "Test", Status: service.StatusActive, SecretHint: "ssk_…"}, Digest: make([]byte, 32)}
	ev := service.AuditEvent{At: k.CreatedAt, Actor: "Test", Login: "test", Action: service.AuditGenerate,
		KeyID: k.ID, KeyName: k.Name, Tiers: k.Tiers, Service: k.Service}
	if err := s.InsertKey(ctx, k, ev); err != nil {
		t.Fatal(err)
	}
	return id
}

// watch runs s.WatchKeys until the test ends and waits until it listens.
func watch(t *testing.T, s *postgres.Store) *storetest.Watcher {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	w := storetest.NewWatcher()
	done := make(chan struct{})
	go func() { defer close(done); s.WatchKeys(ctx, w) }()
	t.Cleanup(func() { cancel(); <-done })
	w.WaitFor(t, "listening", 10*time.Second, func() bool { live, _ := w.State(); return live })
	return w
}

// A change committed through one replica, or by plain SQL, reaches the other
// replica's watcher through LISTEN/NOTIFY; a last use does not; a terminated
// listening connection is reported, made again, and the changes flow again.
func TestKeyChangesReachOtherReplicas(t *testing.T) {
	dbURL := pgtest.FreshDatabase(t)
	one, two := open(t, dbURL), open(t, dbURL)
	ctx := t.Context()
	a := listenedKey(t, one, "0000-0000-0000-0001")
	b := listenedKey(t, one, "0000-0000-0000-0002")
	c := listenedKey(t, one, "0000-0000-0000-0003")
	w := watch(t, two)

	use := store.KeyUse{ID: b, Version: 1, LastAt: time.Now(), LastFrom: "192.0.2.1", Days: map[int64]int64{1: 1}}
	if err := one.TouchKeys(ctx, []store.KeyUse{use}); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if _, err := one.RevokeKey(ctx, a, "Test", now, service.AuditEvent{At: now, Actor: "Test", Login: "test",
		Action: service.AuditRevoke, KeyID: a, KeyName: "Clé " + a, Tiers: "95963", Service: "loop-apikey"}); err != nil {
		t.Fatal(err)
	}
	w.WaitFor(t, "revocation on one, announced on two", 10*time.Second, func() bool { return w.Announced(a) })
	// An expiry, and a new secret, written by hand (another tool, an operator).
	if _, err := one.DB().ExecContext(ctx, `UPDATE api_keys SET expires_at = 1 WHERE id = $1`, c); err != nil {
		t.Fatal(err)
	}
	w.WaitFor(t, "expiry set by SQL, announced", 10*time.Second, func() bool { return w.Announced(c) })
	if w.Announced(b) {
		t.Fatalf("a last use was announced as a change: %v", w.Changed())
	}

	// Cut the listening connection: two stops trusting, reconnects, and hears again.
	_, flipsBefore := w.State()
	var cut int
	if err := one.DB().QueryRowContext(ctx, `SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = current_database() AND application_name = $1`, postgres.ListenerName).Scan(&cut); err != nil || cut != 1 {
		t.Fatalf("terminate the listener: %d connections, %v", cut, err)
	}
	w.WaitFor(t, "cut reported and listening again", 10*time.Second, func() bool {
		live, flips := w.State()
		return live && flips >= flipsBefore+2
	})
	if _, err := one.DB().ExecContext(ctx, `UPDATE api_keys SET secret_digest = '\x01' WHERE id = $1`, b); err != nil {
		t.Fatal(err)
	}
	w.WaitFor(t, "a new secret after the reconnection, announced", 10*time.Second, func() bool { return w.Announced(b) })
}
