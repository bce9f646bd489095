package sqlstore

import (
	"context"
	"sync"

	"sesame/service/store"
)

// watchers are the in-process receivers of key changes made through this store.
type watchers struct {
	mu   sync.Mutex
	next int
	m    map[int]func(id string)
}

// OnKeyChange calls fn with the ID of every key changed through this store, after
// the change is committed, until the returned function is called. A dialect whose
// database is shared (PostgreSQL) adds what other processes change.
func (s *Store) OnKeyChange(fn func(id string)) (stop func()) {
	w := &s.watch
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.m == nil {
		w.m = map[int]func(string){}
	}
	n := w.next
	w.next++
	w.m[n] = fn
	return func() {
		w.mu.Lock()
		delete(w.m, n)
		w.mu.Unlock()
	}
}

// announce tells the watchers that keys changed; call it after the commit.
func (s *Store) announce(ids ...string) {
	w := &s.watch
	w.mu.Lock()
	fns := make([]func(string), 0, len(w.m))
	for _, fn := range w.m {
		fns = append(fns, fn)
	}
	w.mu.Unlock()
	for _, fn := range fns {
		for _, id := range ids {
			fn(id)
		}
	}
}

// WatchKeys announces the changes made through this store, which is all of them for
// a database that only this process opens (SQLite).
func (s *Store) WatchKeys(ctx context.Context, ev store.KeyEvents) {
	stop := s.OnKeyChange(ev.KeyChanged)
	defer stop()
	ev.Watching(true, nil)
	<-ctx.Done()
	ev.Watching(false, ctx.Err())
}
