package keycache_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/keycache"
	"sesame/service/store"
)

// fakeStore is a key table whose reads are counted, and which can block one read to
// let a change happen while it is under way.
type fakeStore struct {
	mu    sync.Mutex
	keys  map[string]store.KeyRecord
	reads int
	down  bool
	hold  chan struct{} // when set, the next read waits for it to close
}

func (f *fakeStore) load(_ context.Context, id string) (store.KeyRecord, error) {
	f.mu.Lock()
	f.reads++
	k, ok := f.keys[id]
	down, hold := f.down, f.hold
	f.hold = nil
	f.mu.Unlock()
	if hold != nil {
		<-hold
	}
	switch {
	case down:
		return store.KeyRecord{}, service.Errorf(service.EUNAVAILABLE, service.MsgUnavailable, errors.New("down"))
	case !ok:
		return store.KeyRecord{}, service.Errorf(service.ENOTFOUND, service.MsgKeyNotFound, nil)
	}
	return k, nil
}

func (f *fakeStore) set(k store.KeyRecord) {
	f.mu.Lock()
	f.keys[k.ID] = k
	f.mu.Unlock()
}

func (f *fakeStore) readCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reads
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

const id = "7KQ2-M9XD-4TRB-H3WZ"

func newCache(t *testing.T) (*keycache.Cache, *fakeStore, *clock) {
	t.Helper()
	f := &fakeStore{keys: map[string]store.KeyRecord{}}
	f.set(store.KeyRecord{Key: service.Key{ID: id, Status: service.StatusActive}, Digest: []byte("d1")})
	clk := &clock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	return keycache.New(f.load, 10*time.Second, clk.now), f, clk
}

func get(t *testing.T, c *keycache.Cache) store.KeyRecord {
	t.Helper()
	k, err := c.Key(t.Context(), id)
	if err != nil {
		t.Fatalf("Key: %v", err)
	}
	return k
}

func TestServesFromMemoryWhileLive(t *testing.T) {
	c, f, _ := newCache(t)
	// Not live yet: every lookup reads the store.
	get(t, c)
	get(t, c)
	if n := f.readCount(); n != 2 {
		t.Fatalf("reads before announcements flow = %d, want 2", n)
	}
	c.Watching(true, nil)
	for range 5 {
		get(t, c)
	}
	if n := f.readCount(); n != 3 {
		t.Fatalf("reads once live = %d, want 3 (one, then memory)", n)
	}
	if s := c.Stats(); s.Hits != 4 || s.Misses != 1 || s.Bypasses != 2 || s.Entries != 1 {
		t.Fatalf("stats = %+v", s)
	}
}

func TestChangeAnnouncedIsReadAgain(t *testing.T) {
	c, f, _ := newCache(t)
	c.Watching(true, nil)
	get(t, c)
	f.set(store.KeyRecord{Key: service.Key{ID: id, Status: service.StatusRevoked}, Digest: []byte("d1")})
	if k := get(t, c); k.Status != service.StatusActive {
		t.Fatalf("before the announcement the cached record is used, got %s", k.Status)
	}
	c.KeyChanged(id)
	if k := get(t, c); k.Status != service.StatusRevoked {
		t.Fatalf("after the announcement: %s, want revoked", k.Status)
	}
}

// An announcement lost: the entry lives no longer than the cache's lifetime.
func TestLifetimeBoundsALostAnnouncement(t *testing.T) {
	c, f, clk := newCache(t)
	c.Watching(true, nil)
	get(t, c)
	f.set(store.KeyRecord{Key: service.Key{ID: id, Status: service.StatusRevoked}})
	clk.advance(9 * time.Second)
	if k := get(t, c); k.Status != service.StatusActive {
		t.Fatalf("within the lifetime: %s", k.Status)
	}
	clk.advance(time.Second)
	if k := get(t, c); k.Status != service.StatusRevoked {
		t.Fatalf("at the end of the lifetime: %s, want revoked", k.Status)
	}
}

// A read that overlapped an announcement may hold the row from before the change: it
// is answered but not kept.
func TestReadOverlappingAChangeIsNotKept(t *testing.T) {
	c, f, _ := newCache(t)
	c.Watching(true, nil)
	hold := make(chan struct{})
	f.mu.Lock()
	f.hold = hold
	f.mu.Unlock()
	done := make(chan store.KeyRecord)
	go func() { k, _ := c.Key(context.Background(), id); done <- k }()
	for f.readCount() == 0 {
		time.Sleep(time.Millisecond)
	}
	// The read has the old row; the change commits and is announced; then it returns.
	f.set(store.KeyRecord{Key: service.Key{ID: id, Status: service.StatusRevoked}})
	c.KeyChanged(id)
	close(hold)
	if k := <-done; k.Status != service.StatusActive {
		t.Fatalf("the overlapping read: %s", k.Status)
	}
	if k := get(t, c); k.Status != service.StatusRevoked {
		t.Fatalf("next lookup: %s, want revoked (the overlapping read was kept)", k.Status)
	}
}

// Announcements stop: nothing cached is used, and the store's failure is the answer
// (fail closed); they resume: what was cached before is read again.
func TestNotLiveFailsClosedThenResyncs(t *testing.T) {
	c, f, _ := newCache(t)
	c.Watching(true, nil)
	get(t, c)
	c.Watching(false, errors.New("connection lost"))
	f.mu.Lock()
	f.down = true
	f.mu.Unlock()
	if _, err := c.Key(t.Context(), id); service.ErrorCode(err) != service.EUNAVAILABLE {
		t.Fatalf("database down, announcements stopped: %v, want EUNAVAILABLE", err)
	}
	// Revoked while nothing was announced, then back.
	f.mu.Lock()
	f.down = false
	f.mu.Unlock()
	f.set(store.KeyRecord{Key: service.Key{ID: id, Status: service.StatusRevoked}})
	c.Watching(true, nil)
	if k := get(t, c); k.Status != service.StatusRevoked {
		t.Fatalf("after the resync: %s, want revoked", k.Status)
	}
	if !c.Live() {
		t.Fatal("not live after Watching(true)")
	}
}

// An identifier the store does not know is answered from memory until a creation is
// announced (by its ID, or NewKeys from another replica), or for AbsentTTL at most.
func TestUnknownKeyIsRememberedUntilACreation(t *testing.T) {
	const other = "ZZZZ-ZZZZ-ZZZZ-ZZZZ"
	c, f, clk := newCache(t)
	unknown := func(want int) {
		t.Helper()
		if _, err := c.Key(t.Context(), other); service.ErrorCode(err) != service.ENOTFOUND {
			t.Fatalf("unknown key: %v", err)
		}
		if n := f.readCount(); n != want {
			t.Fatalf("reads = %d, want %d", n, want)
		}
	}
	unknown(1) // not live: nothing is remembered
	unknown(2)
	c.Watching(true, nil)
	unknown(3)
	unknown(3)
	unknown(3)
	if s := c.Stats(); s.Absent != 1 || s.Hits != 2 {
		t.Fatalf("stats = %+v, want one identifier remembered absent, two answers from memory", s)
	}
	// Created on another replica: NewKeys.
	f.set(store.KeyRecord{Key: service.Key{ID: other, Status: service.StatusActive}})
	c.KeyChanged(keycache.NewKeys)
	if k, err := c.Key(t.Context(), other); err != nil || k.ID != other {
		t.Fatalf("after NewKeys: %+v %v", k, err)
	}
	// Created on this replica: its own ID.
	const third = "YYYY-YYYY-YYYY-YYYY"
	if _, err := c.Key(t.Context(), third); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("unknown key: %v", err)
	}
	f.set(store.KeyRecord{Key: service.Key{ID: third, Status: service.StatusActive}})
	c.KeyChanged(third)
	if _, err := c.Key(t.Context(), third); err != nil {
		t.Fatalf("after its creation was announced: %v", err)
	}
	// The announcement lost: AbsentTTL bounds the refusal.
	const fourth = "XXXX-XXXX-XXXX-XXXX"
	if _, err := c.Key(t.Context(), fourth); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("unknown key: %v", err)
	}
	f.set(store.KeyRecord{Key: service.Key{ID: fourth, Status: service.StatusActive}})
	clk.advance(keycache.AbsentTTL - time.Millisecond)
	if _, err := c.Key(t.Context(), fourth); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("within AbsentTTL: %v, want still unknown", err)
	}
	clk.advance(time.Millisecond)
	if _, err := c.Key(t.Context(), fourth); err != nil {
		t.Fatalf("after AbsentTTL: %v", err)
	}
}
