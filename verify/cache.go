package verify

import (
	"crypto/sha256"
	"sync"
	"time"
)

// cache keeps recent answers by the SHA-256 of the x-apikey value, so that no secret
// stays in memory longer than its request. It holds at most max entries: past that,
// expired entries go first, then arbitrary ones (a map's order).
type cache struct {
	mu      sync.Mutex
	max     int
	entries map[[32]byte]cached
}

type cached struct {
	id    Identity
	err   error
	until time.Time
}

func newCache(max int) *cache { return &cache{max: max, entries: map[[32]byte]cached{}} }

// get returns a live answer for apikey.
func (c *cache) get(apikey string, now time.Time) (Identity, error, bool) {
	k := sha256.Sum256([]byte(apikey))
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[k]
	if !ok || !now.Before(e.until) {
		return Identity{}, nil, false
	}
	return e.id, e.err, true
}

// put keeps an answer until an instant.
func (c *cache) put(apikey string, id Identity, err error, now, until time.Time) {
	k := sha256.Sum256([]byte(apikey))
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[k]; !ok && len(c.entries) >= c.max {
		for key, e := range c.entries {
			if !now.Before(e.until) {
				delete(c.entries, key)
			}
		}
		for key := range c.entries {
			if len(c.entries) < c.max {
				break
			}
			delete(c.entries, key)
		}
	}
	c.entries[k] = cached{id: id, err: err, until: until}
}

// len is the number of entries held.
func (c *cache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
