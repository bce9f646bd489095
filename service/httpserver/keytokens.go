package httpserver

import (
	"sync"
	"time"
)

// maxKeyTokenReuse bounds how long an API key's access token is handed out again.
const maxKeyTokenReuse = 30 * time.Second

// keyTokens remembers the last access token issued to each API key
// (client_credentials), so that a key asking again within a short while (a tenth of
// the token's lifetime, at most maxKeyTokenReuse) gets that same token with what
// remains of its lifetime, instead of costing the server a new signature: clients
// that ask for a token before every call are common. A token is the key's whatever
// its secret, so nothing but time and a change to the key (which forgets it) decides.
type keyTokens struct {
	mu sync.Mutex
	m  map[string]keyToken
}

type keyToken struct {
	token           string
	tiers, service  string
	issued, expires time.Time
}

// get returns the token to hand out again to key id at now, and its remaining
// lifetime in whole seconds, if there is one.
func (t *keyTokens) get(id, tiers, service string, now time.Time, ttl time.Duration) (string, int64, bool) {
	t.mu.Lock()
	kt, ok := t.m[id]
	t.mu.Unlock()
	reuse := min(ttl/10, maxKeyTokenReuse)
	if !ok || kt.tiers != tiers || kt.service != service || now.Before(kt.issued) || now.Sub(kt.issued) >= reuse {
		return "", 0, false
	}
	left := kt.expires.Unix() - now.Unix()
	if left <= 0 {
		return "", 0, false
	}
	return kt.token, left, true
}

// put remembers the token just issued to a key.
func (t *keyTokens) put(id string, kt keyToken) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m == nil || len(t.m) >= 100_000 {
		t.m = map[string]keyToken{}
	}
	t.m[id] = kt
}

// forget drops the token of key id (its record changed).
func (t *keyTokens) forget(id string) {
	t.mu.Lock()
	delete(t.m, id)
	t.mu.Unlock()
}

// reset drops every token.
func (t *keyTokens) reset() {
	t.mu.Lock()
	t.m = nil
	t.mu.Unlock()
}
