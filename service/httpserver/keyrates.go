package httpserver

import (
	"sync"
	"time"

	"golang.org/x/time/rate"

	"sesame/service"
)

// keyRates holds the token buckets of the keys that have a rate limit
// (service.Restrictions.RatePerMinute), on this replica. With several replicas
// behind a load balancer, each allows its share of the key's rate and burst
// (Config.Replicas): a key never gets more than its limit in all, and gets less
// only when the balancer sends one replica more than its share. Buckets live in
// memory: a restart gives a key its full burst again.
type keyRates struct {
	replicas int
	mu       sync.Mutex
	m        map[string]*keyRate
}

// keyRate is one key's bucket, for one version of its restrictions: a change
// starts a new bucket.
type keyRate struct {
	version int
	lim     *rate.Limiter
}

func newKeyRates(replicas int) *keyRates {
	return &keyRates{replicas: max(replicas, 1), m: map[string]*keyRate{}}
}

// allow takes one request from key id's bucket at instant now; when it is empty,
// wait says how long until a request would pass.
func (kr *keyRates) allow(id string, version int, r service.Restrictions, now time.Time) (ok bool, wait time.Duration) {
	kr.mu.Lock()
	b := kr.m[id]
	if b == nil || b.version != version {
		perSecond := float64(r.RatePerMinute) / 60 / float64(kr.replicas)
		b = &keyRate{version: version, lim: rate.NewLimiter(rate.Limit(perSecond), max(r.Burst/kr.replicas, 1))}
		kr.m[id] = b
	}
	kr.mu.Unlock()
	res := b.lim.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return false, d
	}
	return true, 0
}

// prune forgets the buckets that are full again at now: a new one would be the
// same.
func (kr *keyRates) prune(now time.Time) {
	kr.mu.Lock()
	defer kr.mu.Unlock()
	for id, b := range kr.m {
		if b.lim.TokensAt(now) >= float64(b.lim.Burst()) {
			delete(kr.m, id)
		}
	}
}
