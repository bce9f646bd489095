package httpserver

import (
	"sync"
	"time"

	"golang.org/x/time/rate"

	"sesame/service"
)

// keyRates holds the rate limits of the keys that have one
// (service.Restrictions.RatePerMinute), on this replica. With N replicas behind
// a load balancer (Config.Replicas), each allows 1/N of the key's rate and of its
// burst, rounded down but never below one request: the replicas know nothing of
// each other, and a replica without a burst would refuse everything. A key whose
// burst is N or more never gets more than its limit in all; one whose burst is
// below N may get N requests at once, one from each replica. A key gets less than
// its limit when the balancer sends one replica more than its share (a client kept
// on one replica by keep-alive gets 1/N of its rate). The counts live in memory: a
// restart gives a key its full burst again.
//
// Each key's limit is a token bucket of golang.org/x/time/rate.
type keyRates struct {
	replicas int
	m        sync.Map // key ID → *keyRate
}

// keyRate is one key's limit, for one version of its restrictions: a change
// starts a new one.
type keyRate struct {
	version int
	lim     *rate.Limiter
}

func newKeyRates(replicas int) *keyRates {
	return &keyRates{replicas: max(replicas, 1)}
}

// newKeyRate is this replica's share of r's rate and burst (at least one request).
func (kr *keyRates) newKeyRate(version int, r service.Restrictions) *keyRate {
	perSecond := float64(max(r.RatePerMinute, 1)) / 60 / float64(kr.replicas)
	return &keyRate{version: version, lim: rate.NewLimiter(rate.Limit(perSecond), max(r.Burst/kr.replicas, 1))}
}

// allow takes one request from key id's allowance at instant now; when there is
// none left, wait says how long until a request would pass.
func (kr *keyRates) allow(id string, version int, r service.Restrictions, now time.Time) (ok bool, wait time.Duration) {
	b := kr.limit(id, version, r)
	if b.lim.AllowN(now, 1) {
		return true, 0
	}
	res := b.lim.ReserveN(now, 1)
	d := res.DelayFrom(now)
	res.CancelAt(now)
	return false, max(d, time.Millisecond)
}

// limit is key id's limit for version of its restrictions r, made when there is
// none or only an older version's. A request carrying an older version than the
// limit's (a replica's cache not yet emptied) counts against the newer one, so
// that it never gives the key a fresh burst. Two requests making it at once keep
// one; a limit pruned meanwhile is made again.
func (kr *keyRates) limit(id string, version int, r service.Restrictions) *keyRate {
	for {
		v, ok := kr.m.Load(id)
		if !ok {
			v, _ = kr.m.LoadOrStore(id, kr.newKeyRate(version, r))
		}
		b := v.(*keyRate)
		if b.version >= version {
			return b
		}
		if nb := kr.newKeyRate(version, r); kr.m.CompareAndSwap(id, b, nb) {
			return nb
		}
	}
}

// prune forgets the limits whose whole burst is back at now: a new one would be
// the same.
func (kr *keyRates) prune(now time.Time) {
	kr.m.Range(func(id, v any) bool {
		if b := v.(*keyRate); b.lim.TokensAt(now) >= float64(b.lim.Burst()) {
			kr.m.CompareAndDelete(id, b)
		}
		return true
	})
}
