package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
)

// Two keys generated at the same time on PostgreSQL, « Alpha Beta » and « Beta Alpha »,
// each bringing the same two new words to the service's name words: both are stored.
// Each insert holds the word rows it wrote until it commits; written in the
// names' order, the first held « alpha » and waited for « beta » while the second held
// « beta » and waited for « alpha », and PostgreSQL ended one with a deadlock (the user
// read that the database was busy). The test stops the first insert just before its
// second word (a trigger waiting on a lock the test holds) until the second insert
// waits for it.
func TestConcurrentKeysShareNewWords(t *testing.T) {
	ctx := context.Background()
	st, err := postgres.Open(ctx, pgtest.FreshDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.AddTiers(ctx, service.Tiers{Code: "95963", Name: "FUTUROSCOPE CEDEX"}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutCatalogue(ctx, service.Catalogue{Categories: []string{"C"}, Entries: []service.CatalogueEntry{{ID: "loop-apikey", Name: "Loop", Category: "C", AcceptsKeys: true}}}); err != nil {
		t.Fatal(err)
	}
	db := st.DB()
	for _, stmt := range []string{
		`CREATE SEQUENCE beta_attempts`,
		`CREATE FUNCTION hold_first_beta() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			IF nextval('beta_attempts') = 1 THEN
				PERFORM pg_advisory_xact_lock(4242);
			END IF;
			RETURN NEW;
		END
		$$`,
		`CREATE TRIGGER hold_first_beta BEFORE INSERT ON key_name_words FOR EACH ROW WHEN (NEW.word = 'beta') EXECUTE FUNCTION hold_first_beta()`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	holder, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	if _, err := holder.ExecContext(ctx, `SELECT pg_advisory_lock(4242)`); err != nil {
		t.Fatal(err)
	}
	// waitFor returns once query counts a session in the state it looks for.
	waitFor := func(what, query string) {
		t.Helper()
		for range 3000 {
			var n int
			if err := db.QueryRowContext(ctx, query).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Fatalf("no session %s", what)
	}
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	done := make(chan error, 2)
	generate := func(name string) {
		c, err := service.NewCredentials()
		if err != nil {
			done <- err
			return
		}
		k := service.Key{ID: c.Identifier, Tiers: "95963", Service: "loop-apikey", Name: name, CreatedAt: at,
			CreatedBy: "Martin Zoé", Status: service.StatusActive, SecretHint: service.SecretHint(c.Secret)}
		done <- st.InsertKey(ctx, store.KeyRecord{Key: k, Digest: service.SecretDigest(c.Secret)},
			service.AuditEvent{At: at, Actor: "Martin Zoé", Action: service.AuditGenerate, KeyID: k.ID, KeyName: name, Tiers: "95963", Service: "loop-apikey"})
	}
	go generate("Alpha Beta")
	waitFor("held before its second word", `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)
	go generate("Beta Alpha")
	waitFor("waiting for the first insert", `SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'transactionid'`)
	if _, err := holder.ExecContext(ctx, `SELECT pg_advisory_unlock(4242)`); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := <-done; err != nil {
			t.Fatalf("a key generated at the same time as the other: %v", err)
		}
	}
	page, err := st.ListKeys(ctx, service.KeyFilter{Tiers: "95963", Service: "loop-apikey", NameContains: "alpha", Sort: service.SortName}.Normalized())
	if err != nil || len(page.Keys) != 2 {
		t.Fatalf("name contains alpha sorted by name: %d keys, %v; want 2", len(page.Keys), err)
	}
}
