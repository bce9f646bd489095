package verify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// jwksRefetch is the least time between two downloads of the server's keys caused by
// a token signed with a key not seen yet (the server rotates its keys).
const jwksRefetch = 10 * time.Second

// TokenVerifier checks, without asking the server at each request, the access tokens
// that Sésame's client_credentials grant gives a key (RFC 6749 §4.4; JWT access
// tokens, RFC 9068): ES256 signature by a key of the server's JWKS, type at+jwt, the
// server as issuer, the service as audience, within their lifetime. A token outlives
// the revocation of its key until it expires (the server's --key-token-ttl, 5 min
// by default); the x-apikey path does not.
type TokenVerifier struct {
	issuer, service, jwksURL string
	client                   *http.Client
	now                      func() time.Time

	mu      sync.Mutex
	keys    jose.JSONWebKeySet
	fetched time.Time

	rates rates // the rate limits of tokens' keys, in this process
}

// NewTokenVerifier returns a verifier of the tokens issued by the Sésame server at
// issuer (its public base URL) for service. client and now may be nil.
func NewTokenVerifier(issuer, service string, client *http.Client, now func() time.Time) *TokenVerifier {
	if client == nil {
		client = &http.Client{Timeout: 5 * time.Second}
	}
	if now == nil {
		now = time.Now
	}
	issuer = strings.TrimRight(issuer, "/")
	return &TokenVerifier{issuer: issuer, service: service, jwksURL: issuer + "/.well-known/jwks.json", client: client, now: now}
}

// claims are the access token's claims that matter here.
type claims struct {
	jwt.Claims
	ClientID     string        `json:"client_id"`
	Tiers        string        `json:"tiers"`
	Service      string        `json:"service"`
	Restrictions *restrictions `json:"restrictions"`
}

// Verify checks a token and returns the identity of the key it was issued to:
// ErrUnauthorized for any token that is not valid, ErrForbidden for a valid one of
// another service, ErrUnavailable if the keys cannot be fetched. A token whose key
// has restrictions (addresses, read-only, a rate) is refused with ErrRestricted:
// they can only be checked against the request, with VerifyRequest.
func (tv *TokenVerifier) Verify(ctx context.Context, raw string) (Identity, error) {
	id, rs, err := tv.verify(ctx, raw)
	if err == nil && rs != nil {
		return Identity{}, ErrRestricted
	}
	return id, err
}

// VerifyRequest checks the bearer token of r's Authorization header as Verify does,
// and applies the restrictions of its key to r: its method, the address of the
// connection's peer, and the key's rate, counted by this process alone. A refusal
// is a *Refusal (an ErrRestricted). Behind a proxy, use a Verifier's Middleware or
// CheckRequest with Config.ClientAddr, which name the client's address.
func (tv *TokenVerifier) VerifyRequest(r *http.Request) (Identity, error) {
	authz := r.Header.Get("Authorization")
	if len(authz) <= 7 || !strings.EqualFold(authz[:7], "Bearer ") {
		return Identity{}, ErrUnauthorized
	}
	return tv.verifyRequest(r, strings.TrimSpace(authz[7:]), peerAddr(r), tv.now())
}

// verifyRequest is VerifyRequest for the token raw of a request r from client
// address addr, at now.
func (tv *TokenVerifier) verifyRequest(r *http.Request, raw, addr string, now time.Time) (Identity, error) {
	id, rs, err := tv.verify(r.Context(), raw)
	if err != nil {
		return Identity{}, err
	}
	if err := tv.rates.apply(id.Key, rs, r.Method, addr, now); err != nil {
		return Identity{}, err
	}
	return id, nil
}

// verify checks a token and returns the identity and the restrictions of its key
// (nil for none).
func (tv *TokenVerifier) verify(ctx context.Context, raw string) (Identity, *restrictions, error) {
	id, c, err := tv.claims(ctx, raw)
	return id, c.Restrictions, err
}

func (tv *TokenVerifier) claims(ctx context.Context, raw string) (Identity, claims, error) {
	tok, err := jwt.ParseSigned(raw, []jose.SignatureAlgorithm{jose.ES256})
	if err != nil || len(tok.Headers) != 1 {
		return Identity{}, claims{}, ErrUnauthorized
	}
	h := tok.Headers[0]
	if typ, _ := h.ExtraHeaders[jose.HeaderType].(string); typ != "at+jwt" && typ != "application/at+jwt" {
		return Identity{}, claims{}, ErrUnauthorized
	}
	key, err := tv.key(ctx, h.KeyID)
	if err != nil {
		return Identity{}, claims{}, err
	}
	var c claims
	if err := tok.Claims(key, &c); err != nil {
		return Identity{}, claims{}, ErrUnauthorized
	}
	now := tv.now()
	if err := c.ValidateWithLeeway(jwt.Expected{Issuer: tv.issuer, Time: now}, 0); err != nil ||
		c.Expiry == nil || c.Subject == "" || c.ClientID != c.Subject {
		return Identity{}, claims{}, ErrUnauthorized
	}
	if !slices.Contains([]string(c.Audience), tv.service) || c.Service != tv.service {
		return Identity{}, claims{}, ErrForbidden
	}
	return Identity{Key: c.Subject, Tiers: c.Tiers, Service: c.Service}, c, nil
}

// key returns the public key kid, downloading the JWKS when it is not known (at most
// once per jwksRefetch).
func (tv *TokenVerifier) key(ctx context.Context, kid string) (any, error) {
	tv.mu.Lock()
	defer tv.mu.Unlock()
	if ks := tv.keys.Key(kid); len(ks) == 1 {
		return ks[0].Key, nil
	}
	now := tv.now()
	if !tv.fetched.IsZero() && now.Sub(tv.fetched) < jwksRefetch {
		return nil, ErrUnauthorized
	}
	set, err := tv.fetch(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	tv.keys, tv.fetched = set, now
	if ks := tv.keys.Key(kid); len(ks) == 1 {
		return ks[0].Key, nil
	}
	return nil, ErrUnauthorized
}

func (tv *TokenVerifier) fetch(ctx context.Context) (jose.JSONWebKeySet, error) {
	var set jose.JSONWebKeySet
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, tv.jwksURL, nil)
	if err != nil {
		return set, err
	}
	resp, err := tv.client.Do(req)
	if err != nil {
		return set, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return set, errors.New("JWKS: status " + resp.Status)
	}
	err = json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&set)
	return set, err
}
