package httpserver

import (
	"context"
	"sync"
	"time"
)

// serviceReload is the least time between two reloads of the catalogue caused by a
// service the server does not know: a misconfigured gateway must not turn every
// request into a catalogue query.
const serviceReload = time.Second

// knownServices remembers which catalogue entries accept keys, for the gateway
// endpoint to tell a location's misconfiguration (an unknown service) from a key of
// another service without reading the catalogue at every request. A miss reloads it
// (at most once per serviceReload), so that an entry added since is found.
type knownServices struct {
	mu     sync.Mutex
	ids    map[string]bool
	loaded time.Time
}

// accepts reports whether the catalogue has an entry id that accepts API keys.
func (s *Server) serviceAcceptsKeys(ctx context.Context, id string) (bool, error) {
	ks := &s.services
	ks.mu.Lock()
	defer ks.mu.Unlock()
	if ks.ids[id] {
		return true, nil
	}
	now := s.now()
	if ks.ids != nil && now.Sub(ks.loaded) < serviceReload && !now.Before(ks.loaded) {
		return false, nil
	}
	cat, err := s.st.Catalogue(ctx)
	if err != nil {
		return false, err
	}
	ids := map[string]bool{}
	for _, e := range cat.KeyServices() {
		ids[e.ID] = true
	}
	ks.ids, ks.loaded = ids, now
	return ids[id], nil
}
