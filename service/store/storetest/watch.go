package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"sesame/service/store"
)

// Watcher is a store.KeyEvents that records what it is told, for the tests of
// WatchKeys here and in the dialects' own tests.
type Watcher struct {
	mu      sync.Mutex
	changed []string
	live    bool
	flips   int // how many times Watching changed live
	signal  chan struct{}
}

// NewWatcher returns an empty Watcher.
func NewWatcher() *Watcher { return &Watcher{signal: make(chan struct{}, 1)} }

// KeyChanged records an announced change.
func (w *Watcher) KeyChanged(id string) {
	w.mu.Lock()
	w.changed = append(w.changed, id)
	w.mu.Unlock()
	w.poke()
}

// Watching records whether announcements flow.
func (w *Watcher) Watching(live bool, _ error) {
	w.mu.Lock()
	if live != w.live {
		w.flips++
	}
	w.live = live
	w.mu.Unlock()
	w.poke()
}

func (w *Watcher) poke() {
	select {
	case w.signal <- struct{}{}:
	default:
	}
}

// Changed returns the IDs announced so far.
func (w *Watcher) Changed() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.changed...)
}

// State returns whether announcements flow and how many times that changed.
func (w *Watcher) State() (live bool, flips int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.live, w.flips
}

// WaitFor waits until cond holds, failing the test after limit.
func (w *Watcher) WaitFor(t testing.TB, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.NewTimer(limit)
	defer deadline.Stop()
	for !cond() {
		select {
		case <-w.signal:
		case <-time.After(10 * time.Millisecond):
		case <-deadline.C:
			t.Fatalf("%s: not within %s", what, limit)
		}
	}
}

// Announced reports whether id was announced.
func (w *Watcher) Announced(id string) bool {
	for _, c := range w.Changed() {
		if c == id {
			return true
		}
	}
	return false
}

// testWatchKeys: a watcher is told that announcements flow, then of each key
// revoked through the store, and not of a mere use; it is told they stopped when its
// context ends.
func testWatchKeys(t *testing.T, s store.Store) {
	seed(t, s)
	k := newKey(t, firm, loop, "Surveillée", base)
	insert(t, s, k)
	used := newKey(t, firm, loop, "Utilisée", base)
	insert(t, s, used)

	ctx, cancel := context.WithCancel(t.Context())
	w := NewWatcher()
	done := make(chan struct{})
	go func() { defer close(done); s.WatchKeys(ctx, w) }()
	w.WaitFor(t, "announcements flowing", 10*time.Second, func() bool { live, _ := w.State(); return live })

	use := store.KeyUse{ID: used.ID, Version: 1, LastAt: base.Add(time.Hour), LastFrom: "192.0.2.1", Days: map[int64]int64{1: 1}}
	if err := s.TouchKeys(t.Context(), []store.KeyUse{use}); err != nil {
		t.Fatalf("TouchKeys: %v", err)
	}
	revoke(t, s, k.Key, base.Add(time.Hour))
	w.WaitFor(t, "the revocation announced", 10*time.Second, func() bool { return w.Announced(k.ID) })
	if w.Announced(used.ID) {
		t.Errorf("a last use was announced as a change: %v", w.Changed())
	}
	cancel()
	<-done
	if live, _ := w.State(); live {
		t.Fatal("WatchKeys returned with announcements still flowing")
	}
}
