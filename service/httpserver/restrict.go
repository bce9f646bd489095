package httpserver

import (
	"errors"
	"net/http"
	"time"

	"sesame/service"
)

// HeaderRefusal names, on a refusal by a key's restrictions, which rule refused it
// (service.Refusal): address_not_allowed, read_only or rate_limited.
const HeaderRefusal = "X-Sesame-Refusal"

// refusal is the cause of the error of a key whose secret matched but whose
// restrictions refused the request.
type refusal struct {
	reason service.Refusal
	wait   time.Duration // rate_limited: until a request would pass
}

func (e *refusal) Error() string { return "refused by the key's restrictions: " + string(e.reason) }

// asRefusal finds a refusal in err's chain.
func asRefusal(err error) (*refusal, bool) {
	var rf *refusal
	ok := errors.As(err, &rf)
	return rf, ok
}

// checkedMethod is the method of the request a verification is for. On POST
// /v1/verify and introspection the caller names the method of its own request
// (X-Original-Method, as verify.CheckRequest sends it); without it the method is
// unknown and a read-only key refused. On the gateway endpoint the method is named
// by the proxy in front (nginx's documented block sets X-Forwarded-Method and
// X-Original-Method, Traefik and Caddy set X-Forwarded-Method but pass the client's
// other headers through, so X-Forwarded-Method wins); it is believed only from a
// trusted proxy. From any other peer the sub-request's own method is the method
// (Envoy keeps the original), and a method header that says otherwise leaves it
// unknown.
func (s *Server) checkedMethod(r *http.Request, gateway bool) string {
	named := r.Header.Get("X-Forwarded-Method")
	if named == "" {
		named = r.Header.Get("X-Original-Method")
	}
	if !gateway {
		return named
	}
	if named != "" && s.cfg.TrustedProxies.Contains(peerAddr(r)) {
		return named
	}
	for _, h := range []string{"X-Forwarded-Method", "X-Original-Method"} {
		for _, m := range r.Header.Values(h) {
			if m != r.Method {
				return ""
			}
		}
	}
	return r.Method
}

// enforce applies k's restrictions to the request it authenticates, made with
// method from k.addr (the client address the trusted proxy rules give): the
// address first, then the method, then the rate, so that a refused request takes
// nothing from the key's bucket. A caller that is no trusted proxy yet names the
// client it relays for leaves the client's address unknown: a key with an address
// list is refused, and the log says to list the caller with --trusted-proxy. A
// refusal is counted for the key's details and logged; its error is EFORBIDDEN,
// or ERATELIMITED for the rate, with the refusal as cause and a sentence that
// tells nothing of the key's settings.
func (s *Server) enforce(r *http.Request, k usedKey, method string) error {
	rs := k.Restrictions
	if rs.IsZero() {
		return nil
	}
	var reason service.Refusal
	var wait time.Duration
	var hint []any
	switch {
	case len(rs.Addresses) > 0 && relayedUntrusted(r, s.cfg.TrustedProxies):
		reason = service.RefusalAddress
		hint = []any{"hint", "the caller names the client it relays for but is no trusted proxy, so the client's address is unknown: " +
			"list the caller with sesame-server serve --trusted-proxy"}
	case len(rs.Addresses) > 0 && !rs.AllowsAddress(k.ip):
		reason = service.RefusalAddress
	case !rs.AllowsMethod(method):
		reason = service.RefusalReadOnly
	case rs.RatePerMinute > 0:
		if ok, w := s.rates.allow(k.ID, k.RestrictionsVersion, rs, k.at); !ok {
			reason, wait = service.RefusalRate, w
		}
	}
	if reason == "" {
		return nil
	}
	s.used.refuse(k.ID, k.Version, k.at, k.addr)
	s.log.Info("api key refused", append(append(logAttrs(r), "key", k.ID, "reason", string(reason)), hint...)...)
	code := service.EFORBIDDEN
	if reason == service.RefusalRate {
		code = service.ERATELIMITED
	}
	return &service.Error{Code: code, Message: reason.Message(), Err: &refusal{reason: reason, wait: wait}}
}

// restrictionClaims are an API key's restrictions in its access tokens (claim
// "restrictions"), for the verifiers that check tokens offline: the allowed
// networks, read-only, and the rate per minute with its burst.
type restrictionClaims struct {
	Addresses     []string `json:"addresses,omitempty"`
	ReadOnly      bool     `json:"read_only,omitempty"`
	RatePerMinute int      `json:"rate_per_minute,omitempty"`
	Burst         int      `json:"burst,omitempty"`
}

// claimsOf is r as token claims; nil when r restricts nothing.
func claimsOf(r service.Restrictions) *restrictionClaims {
	if r.IsZero() {
		return nil
	}
	c := &restrictionClaims{ReadOnly: r.ReadOnly, RatePerMinute: r.RatePerMinute, Burst: r.Burst}
	for _, p := range r.Addresses {
		c.Addresses = append(c.Addresses, p.String())
	}
	return c
}
