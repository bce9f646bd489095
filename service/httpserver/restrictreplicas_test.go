package httpserver_test

import (
	"context"
	"crypto/rand"
	"net/http"
	"net/netip"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/local"
	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
)

// Two replicas behind one load balancer (Config.Replicas = 2) on one PostgreSQL
// database: a key of 60 requests a minute with a burst of 10 gets 10 at once in all,
// however the balancer spreads them, then one a second in all, never twice its
// limit; a change of its restrictions made through one replica reaches the other.
func TestRateLimitWithTwoReplicas(t *testing.T) {
	dsn := pgtest.FreshDatabase(t)
	clock := &fakeClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	passwordA, passwordB := "A-"+rand.Text(), "B-"+rand.Text()
	var replicas []*env
	for i := range 2 {
		st, err := postgres.Open(context.Background(), dsn)
		if err != nil {
			t.Fatalf("postgres.Open: %v", err)
		}
		t.Cleanup(func() { _ = st.Close() })
		if i == 0 {
			seedFirms(t, st, passwordA, passwordB)
		}
		e := &env{t: t, st: st, passwordA: passwordA, passwordB: passwordB}
		e.start(func(c *httpserver.Config) {
			clockConfig(clock)(c)
			c.Replicas = 2
			c.TrustedProxies = httpserver.TrustedProxies{netip.MustParsePrefix("127.0.0.0/8")}
		})
		replicas = append(replicas, e)
	}
	p := local.New(replicas[0].st, loginA).WithClock(clock.Now)
	c := restricted(t, p, "Partagée", service.RestrictionsInput{RatePerMinute: 60, Burst: 10})
	passed := func(n int) int {
		t.Helper()
		ok := 0
		for i := range n {
			st, _, body := replicas[i%2].check(i%4 >= 2, c, "192.0.2.1", "GET")
			switch st {
			case http.StatusOK, http.StatusNoContent:
				ok++
			case http.StatusTooManyRequests, http.StatusUnauthorized:
			default:
				t.Fatalf("request %d: %d %s", i, st, body)
			}
		}
		return ok
	}
	if got := passed(30); got != 10 {
		t.Fatalf("%d of 30 requests at once passed through two replicas, want the burst of 10", got)
	}
	clock.Advance(4 * time.Second)
	if got := passed(10); got != 4 {
		t.Fatalf("%d passed 4 s later, want 4 (one a second in all)", got)
	}

	// Read-only set through one replica: the other refuses a DELETE at once.
	k, err := p.KeyDetails(context.Background(), c.Identifier)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Restrict(context.Background(), service.RestrictRequest{KeyID: c.Identifier, FromVersion: k.Key.RestrictionsVersion,
		Restrictions: service.RestrictionsInput{ReadOnly: true}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the other replica to apply the change", func() bool {
		st, _, _ := replicas[1].check(false, c, "192.0.2.1", "DELETE")
		return st == http.StatusForbidden
	})
}
