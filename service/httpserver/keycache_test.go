package httpserver_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"sesame/service/api"
	"sesame/service/httpserver"
	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
)

// propagation is what a change made through one replica may take to be refused by
// every other: the promise of the key cache (LISTEN/NOTIFY), not a speed figure.
const propagation = time.Second

// cachedReplica starts a server on dsn with a key cache whose entries would live an
// hour: only announcements can make it forget a key within a test. The first replica
// seeds the firms.
func cachedReplica(t testing.TB, dsn string, first *env, tweak func(*httpserver.Config)) *env {
	t.Helper()
	st, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("postgres.Open: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	e := &env{t: t, st: st}
	if first == nil {
		e.passwordA, e.passwordB = "A-"+rand.Text(), "B-"+rand.Text()
		seedFirms(t, st, e.passwordA, e.passwordB)
	} else {
		e.passwordA, e.passwordB = first.passwordA, first.passwordB
	}
	e.start(func(c *httpserver.Config) {
		c.Issuer = "https://sesame.cabinet.test"
		c.KeyCacheTTL = time.Hour
		if tweak != nil {
			tweak(c)
		}
	})
	return e
}

// warm verifies a key on e until the answer comes from e's key cache.
func (e *env) warm(id, secret string) {
	e.t.Helper()
	waitFor(e.t, "a verification from the key cache", func() bool {
		before := e.srv.KeyCacheStats().Hits
		if st, _ := e.verify(id, secret); st != http.StatusOK {
			e.t.Fatalf("verify %s: %d", id, st)
		}
		return e.srv.KeyCacheStats().Hits > before
	})
}

// refusedWithin polls e's verification of a key until it is refused (401) and
// returns how long that took since from; it fails past limit.
func (e *env) refusedWithin(what, id, secret string, from time.Time, limit time.Duration) time.Duration {
	e.t.Helper()
	for {
		st, _ := e.verify(id, secret)
		d := time.Since(from)
		if st == http.StatusUnauthorized {
			e.t.Logf("%s: refused after %s", what, d.Round(time.Millisecond))
			return d
		}
		if st != http.StatusOK {
			e.t.Fatalf("%s: %d", what, st)
		}
		if d > limit {
			e.t.Fatalf("%s: still accepted after %s", what, d.Round(time.Millisecond))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// renew renews a key's secret through e with a grace period, giving the version
// it reads first, and returns the answer.
func (e *env) renew(bearer, id, grace string) api.GenerateResponse {
	e.t.Helper()
	st, _, body := e.do("GET", "/v1/keys/"+id, bearer, nil)
	var d api.KeyDetails
	if st != http.StatusOK || json.Unmarshal(body, &d) != nil {
		e.t.Fatalf("GET /v1/keys/%s: %d %s", id, st, body)
	}
	st, _, body = e.do("POST", "/v1/keys/"+id+"/renew", bearer, api.RenewRequest{Grace: grace, Version: &d.Key.Version})
	var g api.GenerateResponse
	if st != http.StatusOK || json.Unmarshal(body, &g) != nil || g.Secret == "" {
		e.t.Fatalf("renew %s (grace %s): %d %s", id, grace, st, body)
	}
	return g
}

func (e *env) sql(query string, args ...any) {
	e.t.Helper()
	if _, err := e.st.(*postgres.Store).DB().ExecContext(context.Background(), query, args...); err != nil {
		e.t.Fatalf("%s: %v", query, err)
	}
}

// TestReplicasRefuseChangedKeysWithinASecond: two replicas verify a key from their
// caches; a revocation, an expiry, a renewal or the end of an old secret's grace made
// through either (or by plain SQL) is refused by the other within a second, also
// after the connections on which they listen were terminated and made again.
func TestReplicasRefuseChangedKeysWithinASecond(t *testing.T) {
	dsn := pgtest.FreshDatabase(t)
	one := cachedReplica(t, dsn, nil, nil)
	two := cachedReplica(t, dsn, one, nil)
	_, admin := one.signIn(loginA, one.passwordA)
	keys := map[string]struct{ id, secret string }{}
	for _, name := range []string{"Révoquée", "Expirée", "Renouvelée", "Grâce finie", "Après coupure"} {
		g := one.generate(admin.AccessToken, tiersA, name)
		keys[name] = struct{ id, secret string }{g.Identifier, g.Secret}
		one.warm(g.Identifier, g.Secret)
		two.warm(g.Identifier, g.Secret)
	}

	k := keys["Révoquée"]
	at := time.Now()
	if st, _, body := two.do("POST", "/v1/keys/"+k.id+"/revoke", admin.AccessToken, nil); st != http.StatusOK {
		t.Fatalf("revoke on two: %d %s", st, body)
	}
	one.refusedWithin("revoked on two, verified on one", k.id, k.secret, at, propagation)
	two.refusedWithin("revoked on two, verified on two", k.id, k.secret, at, 0)

	// An expiry brought forward by another tool (plain SQL on the shared database).
	k = keys["Expirée"]
	at = time.Now()
	one.sql(`UPDATE api_keys SET expires_at = $1 WHERE id = $2`, at.UnixMicro(), k.id)
	two.refusedWithin("expiry set by SQL, verified on two", k.id, k.secret, at, propagation)
	// Renewed on one without grace: the old secret is refused by two, the new works.
	k = keys["Renouvelée"]
	at = time.Now()
	renewed := one.renew(admin.AccessToken, k.id, "none")
	two.refusedWithin("renewed on one without grace, old secret on two", k.id, k.secret, at, propagation)
	if st, _ := two.verify(k.id, renewed.Secret); st != http.StatusOK {
		t.Fatalf("the new secret on two: %d", st)
	}
	// Renewed with a grace: both secrets work on two; the grace ended on one: the old
	// secret is refused by two.
	k = keys["Grâce finie"]
	renewed = one.renew(admin.AccessToken, k.id, "24h")
	waitFor(t, "the new secret accepted by two", func() bool {
		st, _ := two.verify(k.id, renewed.Secret)
		return st == http.StatusOK
	})
	two.warm(k.id, k.secret)
	two.warm(k.id, renewed.Secret)
	at = time.Now()
	if st, _, body := one.do("POST", "/v1/keys/"+k.id+"/end-grace", admin.AccessToken, nil); st != http.StatusOK {
		t.Fatalf("end of grace on one: %d %s", st, body)
	}
	two.refusedWithin("grace ended on one, old secret on two", k.id, k.secret, at, propagation)

	// The listening connections are cut (a PostgreSQL restart does the same); the
	// replicas listen again, their caches resynced; the next change still reaches them.
	var n int
	if err := one.st.(*postgres.Store).DB().QueryRowContext(context.Background(),
		`SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
		postgres.ListenerName).Scan(&n); err != nil || n != 2 {
		t.Fatalf("terminate the listeners: %d, %v", n, err)
	}
	k = keys["Après coupure"]
	one.warm(k.id, k.secret)
	two.warm(k.id, k.secret)
	at = time.Now()
	if st, _, body := one.do("POST", "/v1/keys/"+k.id+"/revoke", admin.AccessToken, nil); st != http.StatusOK {
		t.Fatalf("revoke on one: %d %s", st, body)
	}
	two.refusedWithin("after the listeners were cut and came back: revoked on one, verified on two", k.id, k.secret, at, propagation)
}

// TestReplicaFailsClosedWithoutDatabase: a replica whose database becomes
// unreachable stops verifying, even keys it had cached, and recovers by itself when
// the database is back, knowing of the revocation made meanwhile.
func TestReplicaFailsClosedWithoutDatabase(t *testing.T) {
	dsn := pgtest.FreshDatabase(t)
	one := cachedReplica(t, dsn, nil, nil)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	link := newTCPCut(t, u.Host)
	u.Host = link.addr
	two := cachedReplica(t, u.String(), one, nil)
	_, admin := one.signIn(loginA, one.passwordA)
	kept := one.generate(admin.AccessToken, tiersA, "Gardée")
	lost := one.generate(admin.AccessToken, tiersA, "Révoquée pendant la coupure")
	two.warm(kept.Identifier, kept.Secret)
	two.warm(lost.Identifier, lost.Secret)

	link.cut()
	waitFor(t, "two refusing once its database is cut", func() bool {
		st, _ := two.verify(kept.Identifier, kept.Secret)
		return st != http.StatusOK
	})
	for _, k := range []string{kept.Identifier, lost.Identifier} {
		secret := map[string]string{kept.Identifier: kept.Secret, lost.Identifier: lost.Secret}[k]
		if st, _ := two.verify(k, secret); st != http.StatusServiceUnavailable {
			t.Fatalf("database cut, verify %s on two: %d, want 503", k, st)
		}
	}
	if st, _, body := one.do("POST", "/v1/keys/"+lost.Identifier+"/revoke", admin.AccessToken, nil); st != http.StatusOK {
		t.Fatalf("revoke on one during the cut: %d %s", st, body)
	}

	link.restore()
	waitFor(t, "two verifying again once its database is back", func() bool {
		st, _ := two.verify(kept.Identifier, kept.Secret)
		return st == http.StatusOK
	})
	if st, _ := two.verify(lost.Identifier, lost.Secret); st != http.StatusUnauthorized {
		t.Fatalf("revoked during the cut, verified on two after it: %d", st)
	}
	two.warm(kept.Identifier, kept.Secret) // and from its cache again
}

// TestLostAnnouncementBoundedByCacheLifetime: a change whose announcement never came
// (here the trigger is off) is seen once the cache's lifetime has passed on the
// server's clock.
func TestLostAnnouncementBoundedByCacheLifetime(t *testing.T) {
	var mu sync.Mutex
	now := time.Now()
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	one := cachedReplica(t, pgtest.FreshDatabase(t), nil, func(c *httpserver.Config) {
		c.KeyCacheTTL = 10 * time.Second
		c.Now = clock
	})
	one.insertKey("0000-0000-0000-0001", tiersA, "ssk_perdue")
	one.warm("0000-0000-0000-0001", "ssk_perdue")
	one.sql(`ALTER TABLE api_keys DISABLE TRIGGER api_keys_changed`)
	one.sql(`UPDATE api_keys SET status = 'revoked', revoked_at = 1, revoked_by = 'SQL' WHERE id = '0000-0000-0000-0001'`)
	if st, _ := one.verify("0000-0000-0000-0001", "ssk_perdue"); st != http.StatusOK {
		t.Fatalf("within the cache's lifetime, no announcement: %d (the test's premise)", st)
	}
	mu.Lock()
	now = now.Add(10 * time.Second)
	mu.Unlock()
	if st, _ := one.verify("0000-0000-0000-0001", "ssk_perdue"); st != http.StatusUnauthorized {
		t.Fatalf("after the cache's lifetime: %d, want 401", st)
	}
}
