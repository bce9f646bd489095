package httpserver

import (
	"context"
	"log/slog"
	"maps"
	"sync"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// lastUsed buffers the uses of keys so that the request path only writes to a map;
// the server's background loop flushes it to the store every few seconds and at
// shutdown, in one batch.
type lastUsed struct {
	st  store.Store
	log *slog.Logger
	mu  sync.Mutex
	m   map[useKey]*store.KeyUse
}

// useKey is what a buffered use is kept under: a key and the version of its secret
// at verification, so that a renewal meanwhile does not confuse the two secrets.
type useKey struct {
	id      string
	version int
}

func newLastUsed(st store.Store, log *slog.Logger) *lastUsed {
	return &lastUsed{st: st, log: log, m: map[useKey]*store.KeyUse{}}
}

// record notes a successful use of key id, whose secret is at version, at instant at
// from address from; old tells that the old secret of a renewed key was used. It is
// on every verification's path: a map entry updated in place, no allocation once the
// key's entry exists.
func (l *lastUsed) record(id string, version int, at time.Time, from string, old bool) {
	day := service.DayOf(at)
	l.mu.Lock()
	defer l.mu.Unlock()
	k := useKey{id, version}
	u := l.m[k]
	if u == nil {
		u = &store.KeyUse{ID: id, Version: version, Days: map[int64]int64{}}
		l.m[k] = u
	}
	if at.After(u.LastAt) {
		u.LastAt, u.LastFrom = at, from
	}
	switch {
	case old && at.After(u.OldAt):
		u.OldAt, u.OldFrom = at, from
	case !old && (u.NewFirst.IsZero() || at.Before(u.NewFirst)):
		u.NewFirst = at
	}
	u.Days[day]++
}

// refuse notes that key id, verified with its secret at version, was refused by its
// restrictions at instant at for a request from address from.
func (l *lastUsed) refuse(id string, version int, at time.Time, from string) {
	day := service.DayOf(at)
	l.mu.Lock()
	defer l.mu.Unlock()
	k := useKey{id, version}
	u := l.m[k]
	if u == nil {
		u = &store.KeyUse{ID: id, Version: version, Days: map[int64]int64{}}
		l.m[k] = u
	}
	if u.Refused == nil {
		u.Refused = map[int64]store.DayRefusals{}
	}
	d := u.Refused[day]
	d.N++
	if !at.Before(d.LastAt) {
		d.LastAt, d.LastFrom = at, from
	}
	u.Refused[day] = d
}

// flush writes what was recorded since the last flush. What fails to be written is
// kept for the next attempt, merged with the uses recorded meanwhile.
func (l *lastUsed) flush(ctx context.Context) error {
	l.mu.Lock()
	batch := l.m
	if len(batch) == 0 {
		l.mu.Unlock()
		return nil
	}
	l.m = make(map[useKey]*store.KeyUse, len(batch))
	l.mu.Unlock()
	uses := make([]store.KeyUse, 0, len(batch))
	for _, u := range batch {
		uses = append(uses, *u)
	}
	if err := l.st.TouchKeys(ctx, uses); err != nil {
		l.restore(batch)
		return err
	}
	l.log.Debug("last uses written", "keys", len(batch))
	return nil
}

// restore puts a batch that failed to be written back into the buffer.
func (l *lastUsed) restore(batch map[useKey]*store.KeyUse) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for k, u := range batch {
		cur := l.m[k]
		if cur == nil {
			l.m[k] = u
			continue
		}
		if u.OldAt.After(cur.OldAt) {
			cur.OldAt, cur.OldFrom = u.OldAt, u.OldFrom
		}
		if !u.NewFirst.IsZero() && (cur.NewFirst.IsZero() || u.NewFirst.Before(cur.NewFirst)) {
			cur.NewFirst = u.NewFirst
		}
		if u.LastAt.After(cur.LastAt) {
			cur.LastAt, cur.LastFrom = u.LastAt, u.LastFrom
		}
		days := maps.Clone(u.Days)
		if days == nil {
			days = map[int64]int64{}
		}
		for d, n := range cur.Days {
			days[d] += n
		}
		cur.Days = days
		refused := maps.Clone(u.Refused)
		for d, r := range cur.Refused {
			if refused == nil {
				refused = map[int64]store.DayRefusals{}
			}
			old := refused[d]
			old.N += r.N
			if !r.LastAt.Before(old.LastAt) {
				old.LastAt, old.LastFrom = r.LastAt, r.LastFrom
			}
			refused[d] = old
		}
		cur.Refused = refused
	}
}
