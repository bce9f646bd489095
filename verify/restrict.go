package verify

import (
	"net"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// restrictions are the claim "restrictions" of a key's access token: where, how and
// how fast the key may be used (the server's words; see Sésame's README).
type restrictions struct {
	Addresses     []string `json:"addresses"`
	ReadOnly      bool     `json:"read_only"`
	RatePerMinute int      `json:"rate_per_minute"`
	Burst         int      `json:"burst"`
}

// allowsAddress reports whether addr is inside one of the allowed networks (any
// address when there are none). An address that cannot be read, or a network that
// cannot, allows nothing.
func (rs *restrictions) allowsAddress(addr string) bool {
	if len(rs.Addresses) == 0 {
		return true
	}
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	a = a.Unmap().WithZone("")
	for _, s := range rs.Addresses {
		if p, err := netip.ParsePrefix(s); err == nil && p.Contains(a) {
			return true
		}
	}
	return false
}

// rates are the token buckets of the keys whose tokens carry a rate limit, in this
// process: several processes each allow the whole rate.
type rates struct {
	mu sync.Mutex
	m  map[string]*bucket
}

type bucket struct {
	perMinute, burst int
	lim              *rate.Limiter
}

// apply checks a request made with a key's token: its client's address, its
// method, then the key's rate (a refused request takes nothing from the bucket).
func (r *rates) apply(key string, rs *restrictions, method, addr string, now time.Time) error {
	if rs == nil {
		return nil
	}
	if !rs.allowsAddress(addr) {
		return &Refusal{Reason: "address_not_allowed"}
	}
	if rs.ReadOnly && method != http.MethodGet && method != http.MethodHead && method != http.MethodOptions {
		return &Refusal{Reason: "read_only"}
	}
	if rs.RatePerMinute <= 0 {
		return nil
	}
	r.mu.Lock()
	if r.m == nil || len(r.m) >= 100_000 {
		r.m = map[string]*bucket{}
	}
	b := r.m[key]
	if b == nil || b.perMinute != rs.RatePerMinute || b.burst != rs.Burst {
		b = &bucket{perMinute: rs.RatePerMinute, burst: rs.Burst,
			lim: rate.NewLimiter(rate.Limit(float64(rs.RatePerMinute)/60), max(rs.Burst, 1))}
		r.m[key] = b
	}
	r.mu.Unlock()
	res := b.lim.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return &Refusal{Reason: "rate_limited", RetryAfter: d}
	}
	return nil
}

// peerAddr is the address of the connection's peer, without its port.
func peerAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
