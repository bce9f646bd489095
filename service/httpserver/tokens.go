package httpserver

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// accessClaims are the claims of an access token, a JWT per RFC 9068 (typ "at+jwt").
// An administrator's token has sub = login, aud = the /v1 API and sid = the session
// (refresh-token family) it belongs to; an API key's token has sub = client_id = the
// key identifier, aud = the service the key opens, and the key's tiers and service.
type accessClaims struct {
	Issuer    string           `json:"iss"`
	Subject   string           `json:"sub"`
	Audience  jwt.Audience     `json:"aud"`
	Expiry    *jwt.NumericDate `json:"exp"`
	IssuedAt  *jwt.NumericDate `json:"iat"`
	ID        string           `json:"jti"`
	ClientID  string           `json:"client_id"`
	SessionID string           `json:"sid,omitempty"`
	Tiers     string           `json:"tiers,omitempty"`
	Service   string           `json:"service,omitempty"`
	// Restrictions are an API key's, for offline verifiers to apply.
	Restrictions *restrictionClaims `json:"restrictions,omitempty"`
}

// adminAudience is the audience of administrators' tokens: the /v1 API.
func (s *Server) adminAudience() string { return s.cfg.Issuer + "/v1" }

// issueAccessToken signs an access token with the given subject-specific claims and
// returns it with its lifetime in seconds: KeyTokenTTL for an API key's token (no
// session), AccessTokenTTL for an administrator's; never past notAfter when it is
// set (the key's expiry), so that a token does not outlive its key.
func (s *Server) issueAccessToken(c accessClaims, notAfter time.Time) (string, int64, error) {
	now := s.now()
	ttl := s.cfg.AccessTokenTTL
	if c.SessionID == "" {
		ttl = s.cfg.KeyTokenTTL
	}
	if !notAfter.IsZero() && notAfter.Sub(now) < ttl {
		ttl = notAfter.Sub(now).Truncate(time.Second)
	}
	c.Issuer = s.cfg.Issuer
	c.IssuedAt = jwt.NewNumericDate(now)
	c.Expiry = jwt.NewNumericDate(now.Add(ttl))
	c.ID = randomToken(16)
	payload, err := json.Marshal(c)
	if err != nil {
		return "", 0, fmt.Errorf("claims: %w", err)
	}
	tok, err := s.keys.sign(payload)
	if err != nil {
		return "", 0, err
	}
	return tok, int64(ttl / time.Second), nil
}

// errBadToken is any access token that is not ours, not intact or not current.
var errBadToken = errors.New("invalid access token")

// parseAccessToken checks an access token's signature, type (RFC 9068 §4: typ must
// be at+jwt), issuer and validity period, and returns its claims. Audience, client
// and revocation are the caller's to check.
func (s *Server) parseAccessToken(ctx context.Context, raw string) (accessClaims, error) {
	var c accessClaims
	tok, err := jwt.ParseSigned(raw, []jose.SignatureAlgorithm{jose.ES256})
	if err != nil || len(tok.Headers) != 1 {
		return c, errBadToken
	}
	h := tok.Headers[0]
	if typ, _ := h.ExtraHeaders[jose.HeaderType].(string); typ != "at+jwt" && typ != "application/at+jwt" {
		return c, errBadToken
	}
	pk, ok := s.keys.publicKey(ctx, h.KeyID)
	if !ok {
		return c, errBadToken
	}
	if err := tok.Claims(pk, &c); err != nil {
		return c, errBadToken
	}
	now := s.now()
	if c.Issuer != s.cfg.Issuer || c.Expiry == nil || !now.Before(c.Expiry.Time()) ||
		c.IssuedAt == nil || c.IssuedAt.Time().After(now.Add(time.Minute)) || c.Subject == "" || c.ClientID == "" {
		return c, errBadToken
	}
	return c, nil
}

// randomToken returns n random bytes in unpadded base64url: codes, refresh tokens,
// session IDs, token IDs.
func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails (crypto/rand documentation)
	return base64.RawURLEncoding.EncodeToString(b)
}

// randomBytes32 draws a 256-bit secret.
func randomBytes32() ([]byte, error) {
	b := make([]byte, 32)
	_, err := rand.Read(b)
	return b, err
}

// sessionKey is what the store keeps of a session identifier: its SHA-256 digest, so
// that a copy of the database names no live session.
func sessionKey(sid string) string { return base64.RawURLEncoding.EncodeToString(digest(sid)) }

// withSession makes an opaque code or refresh token that carries the clear identifier
// of its session after a dot (never in base64url), for the server to name the
// session in the access tokens it then issues.
func withSession(token, sid string) string { return token + "." + sid }

// sessionOf returns the session identifier a code or refresh token carries, or "".
func sessionOf(token string) string {
	i := strings.LastIndexByte(token, '.')
	if i < 0 {
		return ""
	}
	return token[i+1:]
}

// digest is what the store keeps of an opaque code or refresh token.
func digest(token string) []byte {
	d := sha256.Sum256([]byte(token))
	return d[:]
}
