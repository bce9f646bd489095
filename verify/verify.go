// Package verify is what a firm's Go service imports to accept Sésame's API keys:
// an http.Handler middleware that checks each request's x-apikey against the firm's
// Sésame server for one named service, keeps the answers for a few seconds (a bounded
// positive cache, and a shorter negative one) and puts the key's identity in the
// request's context; and a verifier of the access tokens that the server's
// client_credentials grant issues to keys, checked offline against its JWKS with the
// service as audience.
//
// It asks the server's gateway endpoint (GET /v1/gateway/SERVICE), the one nginx and
// the other gateways use, so a key behaves the same behind any of them. It depends on
// nothing of Sésame's but its catalogue of sentences (sesame/assets/messages, data
// only), which its refusals say in the caller's language: the standard library,
// golang.org/x and go-jose.
//
// A revoked key stops working here at most PositiveTTL after its revocation (the
// cache's bound); with no cache at all (PositiveTTL < 0) it stops at the next request.
package verify

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Why a key or a token was not accepted.
var (
	// ErrUnauthorized: no key, or an unknown, revoked, expired or malformed one.
	ErrUnauthorized = errors.New("verify: the API key is missing, unknown, revoked or expired")
	// ErrForbidden: a usable key of another service.
	ErrForbidden = errors.New("verify: the API key belongs to another service")
	// ErrUnavailable: the server could not answer; nothing is cached for it.
	ErrUnavailable = errors.New("verify: the key server cannot be reached")
	// ErrRestricted: a usable key whose restrictions refuse this request (its
	// client's address or its method); a *Refusal in the chain names the rule.
	ErrRestricted = errors.New("verify: the API key's restrictions refuse this request")
)

// Refusal is a key refused by its restrictions: the rule (address_not_allowed,
// read_only, rate_limited) and, for the rate, how long until a request would pass.
type Refusal struct {
	Reason     string
	RetryAfter time.Duration
}

func (r *Refusal) Error() string { return "verify: refused by the key's restrictions: " + r.Reason }

// Unwrap makes a Refusal an ErrRestricted.
func (r *Refusal) Unwrap() error { return ErrRestricted }

// Identity is whose key a request carried.
type Identity struct {
	Key     string // the key's identifier, e.g. "7KQ2-M9XD-4TRB-H3WZ"
	Tiers   string // the code of the tiers it belongs to
	Service string // the catalogue ID of its service (the one the Verifier names)
	Name    string // the name its administrator gave it
}

// Config is how a Verifier is set up. Zero values take the defaults in brackets.
type Config struct {
	Server  string // the Sésame server's base URL, e.g. "https://sesame.cabinet.fr"
	Service string // the catalogue ID of the service this API is, e.g. "loop-apikey"

	Client      *http.Client  // [a client with a 5 s timeout]
	PositiveTTL time.Duration // [5 s] how long an accepted key is trusted without asking; < 0: never cached
	NegativeTTL time.Duration // [2 s] how long a refused key is refused without asking; < 0: never cached
	MaxEntries  int           // [10,000] bound on the cache's entries

	// Tokens, when set, also accepts "Authorization: Bearer" access tokens of the
	// client_credentials grant (see NewTokenVerifier), and applies the restrictions
	// they carry offline: allowed addresses, read-only, and the rate limit, counted
	// by this process alone.
	Tokens *TokenVerifier

	// ClientAddr is the address of the client a request comes from, which a key's
	// allowed addresses are checked against. [the connection's peer] Behind a proxy,
	// return the address it names; the server believes the address this middleware
	// passes it, and a method other than GET (otherwise refused to a read-only key),
	// only if it lists this service among its --trusted-proxy.
	ClientAddr func(*http.Request) string

	Now func() time.Time // [time.Now]
}

// Verifier checks API keys against a Sésame server for one service. It is safe for
// concurrent use.
type Verifier struct {
	cfg      Config
	endpoint string
	cache    *cache
}

// New returns a Verifier, or an error if the configuration is not usable.
func New(cfg Config) (*Verifier, error) {
	u, err := url.Parse(strings.TrimRight(cfg.Server, "/"))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("verify: server %q is not an http(s) URL", cfg.Server)
	}
	if cfg.Service == "" || strings.ContainsAny(cfg.Service, "/?#% ") {
		return nil, fmt.Errorf("verify: service %q is not a catalogue ID", cfg.Service)
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 5 * time.Second}
	}
	if cfg.PositiveTTL == 0 {
		cfg.PositiveTTL = 5 * time.Second
	}
	if cfg.NegativeTTL == 0 {
		cfg.NegativeTTL = 2 * time.Second
	}
	if cfg.MaxEntries <= 0 {
		cfg.MaxEntries = 10_000
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.ClientAddr == nil {
		cfg.ClientAddr = peerAddr
	}
	return &Verifier{
		cfg:      cfg,
		endpoint: u.String() + "/v1/gateway/" + cfg.Service,
		cache:    newCache(cfg.MaxEntries),
	}, nil
}

// maxAPIKey is longer than any x-apikey value a Sésame key can make.
const maxAPIKey = 256

// Check verifies one x-apikey value ("identifier:secret"): the key's identity, or
// ErrUnauthorized, ErrForbidden or ErrUnavailable (wrapped). A key with
// restrictions (addresses, read-only, a rate) is refused with ErrRestricted: they
// can only be checked against the request, with CheckRequest.
func (v *Verifier) Check(ctx context.Context, apikey string) (Identity, error) {
	id, err := v.check(ctx, apikey, "", "")
	if errors.Is(err, ErrRestricted) {
		return Identity{}, ErrRestricted
	}
	return id, err
}

// check is Check for a request of method from client address addr (empty: not
// said), which the server applies the key's restrictions to. The answers about a
// key with restrictions depend on the request and the instant: they are not cached.
func (v *Verifier) check(ctx context.Context, apikey, method, addr string) (Identity, error) {
	if apikey == "" || len(apikey) > maxAPIKey || !strings.Contains(apikey, ":") {
		return Identity{}, ErrUnauthorized
	}
	now := v.cfg.Now()
	if id, err, ok := v.cache.get(apikey, now); ok {
		return id, err
	}
	id, restricted, err := v.ask(ctx, apikey, method, addr)
	if restricted && err == nil && method == "" {
		return Identity{}, ErrRestricted
	}
	switch {
	case restricted || errors.Is(err, ErrRestricted):
	case err == nil && v.cfg.PositiveTTL > 0:
		v.cache.put(apikey, id, nil, now, now.Add(v.cfg.PositiveTTL))
	case (errors.Is(err, ErrUnauthorized) || errors.Is(err, ErrForbidden)) && v.cfg.NegativeTTL > 0:
		v.cache.put(apikey, Identity{}, err, now, now.Add(v.cfg.NegativeTTL))
	}
	return id, err
}

// ask sends the gateway sub-request, with the request's method and client address
// when known; restricted reports that the key has restrictions.
func (v *Verifier) ask(ctx context.Context, apikey, method, addr string) (id Identity, restricted bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, v.endpoint, nil)
	if err != nil {
		return Identity{}, false, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	req.Header.Set("x-apikey", apikey)
	if method != "" {
		req.Header.Set("X-Original-Method", method)
	}
	if addr != "" {
		req.Header.Set("X-Forwarded-For", addr)
	}
	resp, err := v.cfg.Client.Do(req)
	if err != nil {
		// The transport's error names the URL, never the header: no secret in it.
		return Identity{}, false, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	defer resp.Body.Close()
	if reason := resp.Header.Get("X-Sesame-Refusal"); reason != "" {
		rf := &Refusal{Reason: reason}
		if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
			rf.RetryAfter = time.Duration(secs) * time.Second
		}
		return Identity{}, true, rf
	}
	id, err = v.identity(resp)
	return id, resp.Header.Get("X-Sesame-Restricted") != "", err
}

// identity reads the gateway's answer about a key.
func (v *Verifier) identity(resp *http.Response) (Identity, error) {
	switch resp.StatusCode {
	case http.StatusNoContent:
		name, err := url.PathUnescape(resp.Header.Get("X-Sesame-Key-Name"))
		if err != nil {
			name = resp.Header.Get("X-Sesame-Key-Name")
		}
		id := Identity{Key: resp.Header.Get("X-Sesame-Key"), Tiers: resp.Header.Get("X-Sesame-Tiers"),
			Service: resp.Header.Get("X-Sesame-Service"), Name: name}
		if id.Key == "" || id.Service != v.cfg.Service {
			return Identity{}, fmt.Errorf("%w: unexpected answer", ErrUnavailable)
		}
		return id, nil
	case http.StatusUnauthorized:
		return Identity{}, ErrUnauthorized
	case http.StatusForbidden:
		return Identity{}, ErrForbidden
	}
	return Identity{}, fmt.Errorf("%w: status %d", ErrUnavailable, resp.StatusCode)
}
