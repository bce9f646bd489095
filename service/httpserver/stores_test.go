package httpserver_test

import (
	"context"
	"crypto/rand"
	"sync"
	"testing"
	"time"

	"sesame/service/httpserver"
	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
)

// onBothStores runs test on a server over SQLite, then over PostgreSQL.
func onBothStores(t *testing.T, tweak func(*httpserver.Config), test func(t *testing.T, e *env)) {
	t.Run("sqlite", func(t *testing.T) { test(t, newEnv(t, tweak)) })
	t.Run("postgres", func(t *testing.T) { test(t, newPostgresEnv(t, tweak)) })
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
