package httpserver_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/store"
	"sesame/service/store/postgres/pgtest"
)

// newKeyRecord is a key of firm A for the identifier and secret of creds, as
// Generate stores it, and its audit event.
func newKeyRecord(creds service.Credentials, name string) (store.KeyRecord, service.AuditEvent) {
	now := time.Now()
	k := service.Key{ID: creds.Identifier, Tiers: tiersA, Service: serviceLoop, Name: name, CreatedAt: now,
		CreatedBy: "Test", Status: service.StatusActive, SecretHint: service.SecretHint(creds.Secret), Version: 1}
	ev := service.AuditEvent{At: now, Actor: "Test", Login: "test", Action: service.AuditGenerate,
		KeyID: k.ID, KeyName: k.Name, Tiers: k.Tiers, Service: k.Service}
	return store.KeyRecord{Key: k, Digest: service.SecretDigest(creds.Secret)}, ev
}

// An identifier no key has is refused from memory once the database has said so
// (no round trip per attempt), and forgotten as soon as a key is created with it:
// on another replica (LISTEN/NOTIFY) within the propagation bound, on the same
// replica at once. The replica's clock stands still, so only the announcement can
// make it look again.
func TestUnknownIdentifierIsCachedUntilAKeyIsCreated(t *testing.T) {
	dsn := pgtest.FreshDatabase(t)
	frozen := time.Now()
	one := cachedReplica(t, dsn, nil, nil)
	// Refusals while it waits for the announcement must not be throttled (429).
	unlimited := httpserver.Limit{Burst: 1 << 30, Every: time.Nanosecond}
	two := cachedReplica(t, dsn, one, func(c *httpserver.Config) {
		c.Now = func() time.Time { return frozen }
		c.IdentifierLimit, c.AddressLimit = unlimited, unlimited
	})
	_, admin := one.signIn(loginA, one.passwordA)
	g := one.generate(admin.AccessToken, tiersA, "Pour attendre l'écoute")
	two.warm(g.Identifier, g.Secret) // two's cache is in use

	elsewhere, err := service.NewCredentials()
	if err != nil {
		t.Fatal(err)
	}
	here, err := service.NewCredentials()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []service.Credentials{elsewhere, here} {
		if st, _ := two.verify(c.Identifier, c.Secret); st != http.StatusUnauthorized {
			t.Fatalf("unknown identifier: %d, want 401", st)
		}
		before := two.srv.KeyCacheStats()
		for range 3 {
			if st, _ := two.verify(c.Identifier, c.Secret); st != http.StatusUnauthorized {
				t.Fatalf("unknown identifier again: %d, want 401", st)
			}
		}
		after := two.srv.KeyCacheStats()
		if after.Misses != before.Misses || after.Hits != before.Hits+3 || after.Absent != 2-boolInt(c == elsewhere) {
			t.Fatalf("an unknown identifier repeated: cache %+v then %+v; want 3 answers from memory, no database read", before, after)
		}
	}

	// Created through one: two hears of it and looks again.
	rec, ev := newKeyRecord(elsewhere, "Créée sur une autre instance")
	at := time.Now()
	if err := one.st.InsertKey(context.Background(), rec, ev); err != nil {
		t.Fatal(err)
	}
	two.acceptedWithin("created on one, verified on two", elsewhere, at, propagation)
	// Created through two itself: accepted at once.
	rec, ev = newKeyRecord(here, "Créée sur cette instance")
	if err := two.st.InsertKey(context.Background(), rec, ev); err != nil {
		t.Fatal(err)
	}
	if st, _ := two.verify(here.Identifier, here.Secret); st != http.StatusOK {
		t.Fatalf("created on two, verified on two at once: %d, want 200", st)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// acceptedWithin polls e's verification of a key until it is accepted and fails past
// limit.
func (e *env) acceptedWithin(what string, c service.Credentials, from time.Time, limit time.Duration) {
	e.t.Helper()
	for {
		st, _ := e.verify(c.Identifier, c.Secret)
		d := time.Since(from)
		if st == http.StatusOK {
			e.t.Logf("%s: accepted after %s", what, d.Round(time.Millisecond))
			return
		}
		if st != http.StatusUnauthorized {
			e.t.Fatalf("%s: %d", what, st)
		}
		if d > limit {
			e.t.Fatalf("%s: still refused after %s", what, d.Round(time.Millisecond))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// BenchmarkRefusalOnPostgres is what a gateway's sub-request costs when it is refused
// for a wrong secret and for an identifier no key has, on PostgreSQL, the two
// alternating in one loop so that both see the same machine: go test -bench
// RefusalOnPostgres -benchtime 3000x. It reports each one's time per request, their
// ratio and the database reads per request.
func BenchmarkRefusalOnPostgres(b *testing.B) {
	dsn := pgtest.FreshDatabase(b)
	unlimited := httpserver.Limit{Burst: 1 << 30, Every: time.Nanosecond}
	e := cachedReplica(b, dsn, nil, func(c *httpserver.Config) { c.IdentifierLimit, c.AddressLimit = unlimited, unlimited })
	_, admin := e.signIn(loginA, e.passwordA)
	g := e.generate(admin.AccessToken, tiersA, "Passerelle")
	e.warm(g.Identifier, g.Secret)
	unknown, err := service.NewCredentials()
	if err != nil {
		b.Fatal(err)
	}
	request := func(key string) *http.Request {
		req, _ := http.NewRequest("GET", "http://sesame/v1/gateway", nil)
		req.RemoteAddr = "127.0.0.1:40000"
		req.Header.Set("X-Apikey", key)
		req.Header.Set(httpserver.HeaderService, serviceLoop)
		return req
	}
	reqs := [2]*http.Request{request(g.Identifier + ":" + unknown.Secret), request(unknown.Identifier + ":" + unknown.Secret)}
	var spent [2]time.Duration
	h := e.srv.Handler()
	before := e.srv.KeyCacheStats()
	for b.Loop() {
		for i, req := range reqs {
			w := &discardWriter{h: http.Header{}}
			start := time.Now()
			h.ServeHTTP(w, req)
			spent[i] += time.Since(start)
			if w.status != http.StatusUnauthorized {
				b.Fatalf("status %d, want 401", w.status)
			}
		}
	}
	after := e.srv.KeyCacheStats()
	n := float64(b.N)
	b.ReportMetric(float64(spent[0].Nanoseconds())/n, "wrong-secret-ns/req")
	b.ReportMetric(float64(spent[1].Nanoseconds())/n, "unknown-id-ns/req")
	b.ReportMetric(float64(spent[1])/float64(spent[0]), "unknown/wrong")
	b.ReportMetric(float64(after.Misses+after.Bypasses-before.Misses-before.Bypasses)/n/2, "db-reads/req")
}
