package httpserver

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"sesame/service/store"
)

// lastUsed buffers the last use of each key so that the request path only writes to
// a map; the server's background loop flushes it to the store every few seconds and
// at shutdown, in one batch.
type lastUsed struct {
	st  store.Store
	log *slog.Logger
	mu  sync.Mutex
	m   map[string]time.Time
}

func newLastUsed(st store.Store, log *slog.Logger) *lastUsed {
	return &lastUsed{st: st, log: log, m: map[string]time.Time{}}
}

// record notes a use of key id at instant at.
func (l *lastUsed) record(id string, at time.Time) {
	l.mu.Lock()
	if prev, ok := l.m[id]; !ok || at.After(prev) {
		l.m[id] = at
	}
	l.mu.Unlock()
}

// flush writes what was recorded since the last flush. What fails to be written is
// kept for the next attempt unless a newer use replaced it meanwhile.
func (l *lastUsed) flush(ctx context.Context) error {
	l.mu.Lock()
	batch := l.m
	if len(batch) == 0 {
		l.mu.Unlock()
		return nil
	}
	l.m = make(map[string]time.Time, len(batch))
	l.mu.Unlock()
	if err := l.st.TouchKeys(ctx, batch); err != nil {
		for id, at := range batch {
			l.record(id, at)
		}
		return err
	}
	l.log.Debug("last uses written", "keys", len(batch))
	return nil
}
