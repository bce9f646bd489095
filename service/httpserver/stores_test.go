package httpserver_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/api"
	"sesame/service/httpserver"
	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
)

// onBothStores runs test on a server over SQLite, then over PostgreSQL.
func onBothStores(t *testing.T, tweak func(*httpserver.Config), test func(t *testing.T, e *env)) {
	t.Run("sqlite", func(t *testing.T) { test(t, newEnv(t, tweak)) })
	t.Run("postgres", func(t *testing.T) { test(t, newPostgresEnv(t, tweak)) })
}

// onBothStoresAt is onBothStores with a server clock of its own per store, set to
// start and moved only by the test.
func onBothStoresAt(t *testing.T, start time.Time, test func(t *testing.T, clock *fakeClock, e *env)) {
	for name, open := range map[string]func(testing.TB, func(*httpserver.Config)) *env{"sqlite": newEnv, "postgres": newPostgresEnv} {
		t.Run(name, func(t *testing.T) {
			clock := &fakeClock{now: start}
			test(t, clock, open(t, clockConfig(clock)))
		})
	}
}

// newPostgresEnv is newEnv on a fresh PostgreSQL database.
func newPostgresEnv(t testing.TB, tweak func(*httpserver.Config)) *env {
	t.Helper()
	st, err := postgres.Open(context.Background(), pgtest.FreshDatabase(t))
	if err != nil {
		t.Fatalf("postgres.Open: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	e := &env{t: t, st: st, passwordA: "A-" + rand.Text(), passwordB: "B-" + rand.Text()}
	seedFirms(t, st, e.passwordA, e.passwordB)
	e.start(tweak)
	return e
}

// fakeClock is a server clock that moves only when the test says so.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Now().Truncate(time.Second)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// verifyAudit is GET /v1/audit/verify as bearer's administrator sees it.
func (e *env) verifyAudit(bearer string) service.AuditCheck {
	e.t.Helper()
	status, _, body := e.do("GET", "/v1/audit/verify", bearer, nil)
	var c api.AuditCheck
	if status != http.StatusOK || json.Unmarshal(body, &c) != nil {
		e.t.Fatalf("verify: %d %s", status, body)
	}
	return c.ToAuditCheck()
}
