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
	m        sync.Map // key ID → *keyRate; read without a lock on every request
}

// keyRate is one key's bucket, for one version of its restrictions: a change
// starts a new bucket.
type keyRate struct {
	version int
	lim     *rate.Limiter
}

func newKeyRates(replicas int) *keyRates {
	return &keyRates{replicas: max(replicas, 1)}
}

// allow takes one request from key id's bucket at instant now; when it is empty,
// wait says how long until a request would pass.
func (kr *keyRates) allow(id string, version int, r service.Restrictions, now time.Time) (ok bool, wait time.Duration) {
	v, _ := kr.m.Load(id)
	b, _ := v.(*keyRate)
	if b == nil || b.version != version {
		perSecond := float64(r.RatePerMinute) / 60 / float64(kr.replicas)
		nb := &keyRate{version: version, lim: rate.NewLimiter(rate.Limit(perSecond), max(r.Burst/kr.replicas, 1))}
		// Two requests making the first bucket at once keep one of them.
		if b == nil {
			v, _ = kr.m.LoadOrStore(id, nb)
		} else if kr.m.CompareAndSwap(id, b, nb) {
			v = nb
		} else {
			v, _ = kr.m.Load(id)
		}
		b = v.(*keyRate)
	}
	if b.lim.AllowN(now, 1) { // no allocation on the path of every request
		return true, 0
	}
	res := b.lim.ReserveN(now, 1)
	d := res.DelayFrom(now)
	res.CancelAt(now)
	return false, max(d, time.Millisecond)
}

// prune forgets the buckets that are full again at now: a new one would be the
// same.
func (kr *keyRates) prune(now time.Time) {
	kr.m.Range(func(id, v any) bool {
		if b := v.(*keyRate); b.lim.TokensAt(now) >= float64(b.lim.Burst()) {
			kr.m.CompareAndDelete(id, b)
		}
		return true
	})
}
