package httpserver

import (
	"net/http"
	"sync"
	"time"
)

// Limit is how many failed authentications are tolerated: Burst at once, then one
// more every Every. Only failures count; while the allowance is spent, every attempt
// is refused with 429, right or wrong, so that guessing cannot go on.
type Limit struct {
	Burst int
	Every time.Duration
}

// limiter counts failures per key (a login, a key identifier or an address) in token
// buckets. It lives in the memory of one process: with several replicas each keeps
// its own count, so the allowance is multiplied by their number.
type limiter struct {
	limit Limit
	mu    sync.RWMutex
	m     map[string]bucket
}

type bucket struct {
	tokens float64 // failures still allowed, refilled with time
	at     time.Time
}

func newLimiter(l Limit) *limiter {
	return &limiter{limit: l, m: map[string]bucket{}}
}

// level returns the bucket's allowance at instant now.
func (l *limiter) level(b bucket, now time.Time) float64 {
	t := b.tokens + float64(now.Sub(b.at))/float64(l.limit.Every)
	return min(t, float64(l.limit.Burst))
}

// wait returns how long key must wait before its next attempt; 0 if it may try now.
func (l *limiter) wait(key string, now time.Time) time.Duration {
	l.mu.RLock()
	b, ok := l.m[key]
	l.mu.RUnlock()
	if !ok {
		return 0
	}
	t := l.level(b, now)
	if t >= 1 {
		return 0
	}
	return time.Duration((1 - t) * float64(l.limit.Every))
}

// fail spends one attempt of key's allowance.
func (l *limiter) fail(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.m[key]
	t := float64(l.limit.Burst)
	if ok {
		t = l.level(b, now)
	}
	l.m[key] = bucket{tokens: max(t-1, 0), at: now}
}

// prune forgets the keys whose allowance is whole again.
func (l *limiter) prune(now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for k, b := range l.m {
		if l.level(b, now) >= float64(l.limit.Burst) {
			delete(l.m, k)
		}
	}
}

// throttled returns how long the identifier and the request's address must wait, the
// longer of the two; 0 if they may try now.
func (s *Server) throttled(r *http.Request, identifier string) time.Duration {
	now := s.now()
	w := s.byAddr.wait(ClientAddr(r), now)
	if identifier != "" {
		w = max(w, s.byID.wait(identifier, now))
	}
	return w
}

// failed records a failed authentication of identifier from the request's address.
func (s *Server) failed(r *http.Request, identifier string) {
	now := s.now()
	s.byAddr.fail(ClientAddr(r), now)
	if identifier != "" {
		s.byID.fail(identifier, now)
	}
}
