package httpserver

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// serviceReload is the least time between two reloads of the catalogue caused by a
// service the server does not know: a misconfigured gateway must not turn every
// request into a catalogue query. serviceKeep is how long a known service is trusted
// without reading the catalogue again (an entry may stop accepting keys).
const (
	serviceReload = time.Second
	serviceKeep   = 30 * time.Second
)

// knownServices remembers which catalogue entries accept keys, for the gateway
// endpoint to tell a location's misconfiguration (an unknown service) from a key of
// another service without reading the catalogue at every request. A miss reloads it
// (at most once per serviceReload), so that an entry added since is found; so does
// a hit older than serviceKeep. Readers take no lock.
type knownServices struct {
	snap   atomic.Pointer[serviceSnapshot]
	reload sync.Mutex
}

type serviceSnapshot struct {
	ids    map[string]bool
	loaded time.Time
}

// usable answers from a snapshot if it is recent enough for that answer.
func (sn *serviceSnapshot) usable(id string, now time.Time) (accepts, ok bool) {
	if sn == nil {
		return false, false
	}
	age := now.Sub(sn.loaded)
	if age < 0 {
		return false, false
	}
	if sn.ids[id] {
		return true, age < serviceKeep
	}
	return false, age < serviceReload
}

// serviceAcceptsKeys reports whether the catalogue has an entry id that accepts API
// keys.
func (s *Server) serviceAcceptsKeys(ctx context.Context, id string) (bool, error) {
	ks := &s.services
	if accepts, ok := ks.snap.Load().usable(id, s.now()); ok {
		return accepts, nil
	}
	ks.reload.Lock()
	defer ks.reload.Unlock()
	now := s.now()
	if accepts, ok := ks.snap.Load().usable(id, now); ok { // reloaded meanwhile
		return accepts, nil
	}
	cat, err := s.st.Catalogue(ctx)
	if err != nil {
		return false, err
	}
	ids := map[string]bool{}
	for _, e := range cat.KeyServices() {
		ids[e.ID] = true
	}
	ks.snap.Store(&serviceSnapshot{ids: ids, loaded: now})
	return ids[id], nil
}
