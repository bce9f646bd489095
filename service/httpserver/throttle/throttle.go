// Package throttle counts failed authentications so that guessing slows down,
// without ever refusing the right credentials because of someone else's failures.
// Failures are counted per (identifier, address) and per address, never per
// identifier alone: an identifier (a key's, a login) is not secret, and counting it
// alone would let anyone lock its owner out. What a caller does with a spent
// allowance is its policy; the package only counts, in memory, per process.
package throttle

import (
	"net/netip"
	"sync"
	"time"
)

// Limit is how many failures are tolerated: Burst at once, then one more every
// Every.
type Limit struct {
	Burst int
	Every time.Duration
}

// Scope names the count whose allowance is spent, for the log.
type Scope string

// The two counts a Throttle keeps.
const (
	ScopeNone    Scope = ""
	ScopePair    Scope = "identifier+address"
	ScopeAddress Scope = "address"
)

// maxEntries bounds each count's memory (about 10 MB): past it, allowances already
// whole are forgotten, then arbitrary ones (an attacker with that many addresses
// gains little from the counts it frees).
var maxEntries = 100_000

// Throttle counts failures per (identifier, address) under one Limit and per address
// under another. It is safe for concurrent use.
type Throttle struct {
	pair, addr *buckets
}

// New returns a Throttle with the given allowances.
func New(pair, addr Limit) *Throttle {
	return &Throttle{pair: newBuckets(pair), addr: newBuckets(addr)}
}

// Wait returns how long the pair (identifier, address) must wait before its next
// failure is heard, and whose allowance is spent; 0 and ScopeNone if it may fail
// now. An empty identifier checks the address alone.
func (t *Throttle) Wait(identifier, addr string, now time.Time) (time.Duration, Scope) {
	a := addrKey(addr)
	wa := t.addr.wait(a, now)
	wp := time.Duration(0)
	if identifier != "" {
		wp = t.pair.wait(pairKey(identifier, a), now)
	}
	switch {
	case wp == 0 && wa == 0:
		return 0, ScopeNone
	case wp >= wa:
		return wp, ScopePair
	default:
		return wa, ScopeAddress
	}
}

// Fail spends one failure of the pair's allowance and of the address's. An empty
// identifier (one that names nothing) spends the address's only, so that made-up
// identifiers cost no memory.
func (t *Throttle) Fail(identifier, addr string, now time.Time) {
	a := addrKey(addr)
	t.addr.fail(a, now)
	if identifier != "" {
		t.pair.fail(pairKey(identifier, a), now)
	}
}

// Prune forgets the allowances that are whole again; call it now and then.
func (t *Throttle) Prune(now time.Time) {
	t.pair.prune(now)
	t.addr.prune(now)
}

// Len is how many allowances are being counted (for tests and metrics).
func (t *Throttle) Len() int { return t.pair.len() + t.addr.len() }

func pairKey(identifier, addr string) string { return identifier + "\x00" + addr }

// addrKey is the address a count is kept for: an IPv6 address by its /64, the
// smallest block one host is usually given, so that a host cannot escape its count
// by changing the low bits.
func addrKey(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return addr
	}
	a = a.Unmap()
	if a.Is6() {
		p, _ := a.WithZone("").Prefix(64)
		return p.String()
	}
	return a.String()
}

// buckets are token buckets of failures, one per key.
type buckets struct {
	limit Limit
	mu    sync.Mutex
	m     map[string]bucket
}

type bucket struct {
	tokens float64 // failures still allowed, refilled with time
	at     time.Time
}

func newBuckets(l Limit) *buckets { return &buckets{limit: l, m: map[string]bucket{}} }

// level is a bucket's allowance at instant now. A clock set back refills nothing
// and takes nothing either: no caller waits for the clock to catch up.
func (b *buckets) level(k bucket, now time.Time) float64 {
	t := k.tokens + float64(max(now.Sub(k.at), 0))/float64(b.limit.Every)
	return min(t, float64(b.limit.Burst))
}

func (b *buckets) wait(key string, now time.Time) time.Duration {
	b.mu.Lock()
	k, ok := b.m[key]
	b.mu.Unlock()
	if !ok {
		return 0
	}
	t := b.level(k, now)
	if t >= 1 {
		return 0
	}
	return time.Duration((1 - t) * float64(b.limit.Every))
}

func (b *buckets) fail(key string, now time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	k, ok := b.m[key]
	t := float64(b.limit.Burst)
	if ok {
		t = b.level(k, now)
	} else if len(b.m) >= maxEntries {
		b.pruneLocked(now)
		for victim := range b.m { // down to 90%, so that this is not done at every failure
			if len(b.m) < maxEntries*9/10 {
				break
			}
			delete(b.m, victim)
		}
	}
	b.m[key] = bucket{tokens: max(t-1, 0), at: now}
}

func (b *buckets) prune(now time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.pruneLocked(now)
}

func (b *buckets) pruneLocked(now time.Time) {
	for key, k := range b.m {
		if b.level(k, now) >= float64(b.limit.Burst) {
			delete(b.m, key)
		}
	}
}

func (b *buckets) len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.m)
}
