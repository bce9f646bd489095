package httpserver

import (
	"sync"

	"sesame/service/keycache"
)

// keyEvents passes the store's announcements of key changes to the server's key
// cache, and logs when they stop and resume: while they are stopped every
// verification reads the database.
type keyEvents struct {
	s    *Server
	mu   sync.Mutex
	live bool
	told bool // whether a failure was logged since the last resumption
}

func (e *keyEvents) KeyChanged(id string) {
	e.s.cache.KeyChanged(id)
	e.s.keyTokens.forget(id)
}

func (e *keyEvents) Watching(live bool, cause error) {
	e.s.cache.Watching(live, cause)
	e.s.keyTokens.reset()
	e.mu.Lock()
	defer e.mu.Unlock()
	switch {
	case live && !e.live:
		e.s.log.Info("key changes announced: verifying from the key cache")
		e.told = false
	case !live && (e.live || !e.told) && e.s.ctxAlive():
		e.s.log.Warn("key changes not announced: verifying against the database until they are", "err", cause)
		e.told = true
	}
	e.live = live
}

// KeyCacheStats returns the counters of the key cache (hits, misses, lookups that
// went to the database because key changes were not announced).
func (s *Server) KeyCacheStats() keycache.Stats { return s.cache.Stats() }
