// Package keycache keeps, in each server replica, the stored records of the API keys
// it verifies, so that a verification costs no database round trip. It is told of
// every change to a key by the store (store.KeyWatcher: in-process on SQLite,
// PostgreSQL LISTEN/NOTIFY across replicas) and forgets that key at once; an entry
// also lives no longer than a bounded lifetime, in case an announcement was lost.
// While the store cannot announce changes (its listening connection is down) the
// cache holds nothing and every lookup goes to the database, which fails closed when
// the database is unreachable; when announcements resume, everything cached before
// is forgotten (a resync) since changes may have been missed meanwhile.
//
// An entry is the whole store.KeyRecord: status, expiry, digests of the current and
// old secrets and whatever a key may come to hold. Nothing is decided at caching
// time: the caller checks the record against the clock at each use.
//
// An identifier the store does not know is remembered too, for AbsentTTL at most, so
// that a client repeating an unknown identifier costs no more than one repeating a
// wrong secret. The creation of a key is announced like any change (NewKeys from
// another replica, the key's ID from this one), and forgets what was remembered
// absent: a key created on one replica is accepted by the others as soon as they
// hear of it, and within AbsentTTL should that announcement be lost.
package keycache

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// MaxEntries bounds the memory of a cache: past it, the cache is emptied and refilled
// by use (the keys a replica verifies are usually far fewer). Identifiers remembered
// absent have a bound of their own, so that a client trying many cannot push out the
// keys in use.
const (
	MaxEntries = 200_000
	MaxAbsent  = 100_000
)

// AbsentTTL is how long an identifier the store did not know is answered as unknown
// without asking the store again, when the announcement of its creation is lost.
const AbsentTTL = time.Second

// NewKeys is the announcement, in place of a key's ID, that keys were created: every
// identifier remembered absent is forgotten. PostgreSQL's trigger sends it once per
// statement that inserts keys.
const NewKeys = "*"

// Loader reads a key from the database: the store's KeyByID.
type Loader func(ctx context.Context, id string) (store.KeyRecord, error)

// Cache is a per-replica cache of key records; it implements store.KeyEvents. The
// zero value is not usable: call New.
type Cache struct {
	load Loader
	ttl  time.Duration
	now  func() time.Time

	mu      sync.RWMutex
	entries map[string]entry
	absent  map[string]time.Time // identifiers the store did not know, until when
	gen     uint64               // bumped by every invalidation: a load that overlapped one is not kept
	live    bool                 // announcements flow: entries may be kept and used

	hits, misses, bypasses atomic.Uint64
}

type entry struct {
	rec   store.KeyRecord
	until time.Time
}

// New returns a cache loading through load, whose entries live at most ttl by the
// clock now. It starts not live: it caches nothing until Watching(true, nil).
func New(load Loader, ttl time.Duration, now func() time.Time) *Cache {
	return &Cache{load: load, ttl: ttl, now: now, entries: map[string]entry{}, absent: map[string]time.Time{}}
}

// Key returns the record of key id, from memory when it was loaded less than the
// cache's lifetime ago and no change to it was announced since, else from the store.
// An identifier the store did not know (ENOTFOUND) is answered so from memory for
// AbsentTTL, unless a creation was announced since; any other store error
// (EUNAVAILABLE…) is returned as it is and nothing is cached for it.
func (c *Cache) Key(ctx context.Context, id string) (store.KeyRecord, error) {
	now := c.now()
	c.mu.RLock()
	e, ok := c.entries[id]
	absentUntil, absent := c.absent[id]
	live, gen := c.live, c.gen
	c.mu.RUnlock()
	switch {
	case !live:
		c.bypasses.Add(1)
	case ok && now.Before(e.until):
		c.hits.Add(1)
		return e.rec, nil
	case absent && now.Before(absentUntil):
		c.hits.Add(1)
		return store.KeyRecord{}, errUnknown()
	default:
		c.misses.Add(1)
	}
	rec, err := c.load(ctx, id)
	unknown := service.ErrorCode(err) == service.ENOTFOUND
	if err != nil && !unknown || !live {
		return rec, err
	}
	c.mu.Lock()
	// Keep it only if nothing was invalidated while it was read: the read may have
	// seen the row from before a change whose announcement came meanwhile.
	if c.live && c.gen == gen {
		switch {
		case unknown:
			if len(c.absent) >= MaxAbsent {
				c.absent = map[string]time.Time{}
			}
			c.absent[id] = now.Add(min(AbsentTTL, c.ttl))
		default:
			if len(c.entries) >= MaxEntries {
				c.entries = map[string]entry{}
			}
			c.entries[id] = entry{rec: rec, until: now.Add(c.ttl)}
		}
	}
	c.mu.Unlock()
	return rec, err
}

// errUnknown is the store's answer for an identifier it does not know.
func errUnknown() error {
	return service.Errorf(service.ENOTFOUND, service.MsgKeyNotFound, nil)
}

// KeyChanged forgets key id: a change to it, or its creation, was committed. NewKeys
// forgets every identifier remembered absent.
func (c *Cache) KeyChanged(id string) {
	c.mu.Lock()
	c.gen++
	if id == NewKeys {
		c.absent = map[string]time.Time{}
	} else {
		delete(c.entries, id)
		delete(c.absent, id)
	}
	c.mu.Unlock()
}

// Watching is told whether the store's announcements flow (cause is why they
// stopped, for the log: the cache ignores it). Either way everything cached is
// forgotten: going down, nothing may be trusted any more; coming back, changes made
// in between were not announced.
func (c *Cache) Watching(live bool, _ error) {
	c.mu.Lock()
	c.gen++
	c.live = live
	c.entries = map[string]entry{}
	c.absent = map[string]time.Time{}
	c.mu.Unlock()
}

// Live reports whether the cache is in use (the store's announcements flow).
func (c *Cache) Live() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.live
}

// Stats counts the lookups since the cache was made.
type Stats struct {
	Hits     uint64 // answered from memory
	Misses   uint64 // read from the store, then kept
	Bypasses uint64 // read from the store because announcements were not flowing
	Entries  int    // keys held now
	Absent   int    // identifiers remembered unknown now
}

// Stats returns the cache's counters.
func (c *Cache) Stats() Stats {
	c.mu.RLock()
	n, a := len(c.entries), len(c.absent)
	c.mu.RUnlock()
	return Stats{Hits: c.hits.Load(), Misses: c.misses.Load(), Bypasses: c.bypasses.Load(), Entries: n, Absent: a}
}
