package verify

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

type contextKey struct{}

// FromContext returns the identity the middleware put in a request's context.
func FromContext(ctx context.Context) (Identity, bool) {
	id, ok := ctx.Value(contextKey{}).(Identity)
	return id, ok
}

// WithIdentity returns ctx carrying id (for handlers' tests).
func WithIdentity(ctx context.Context, id Identity) context.Context {
	return context.WithValue(ctx, contextKey{}, id)
}

// Middleware lets through only the requests that carry one usable key of the
// service (or, with Config.Tokens, a valid access token for it), with the identity
// in their context (FromContext), and answers the others itself: 401 (no key,
// unknown, revoked, expired, several x-apikey headers), 403 (a key of another
// service, or one whose restrictions refuse the client's address or the method),
// 429 with Retry-After (the key's rate limit), 503 (the server cannot be reached:
// never let through). A refusal by the key's restrictions names its rule in
// X-Sesame-Refusal. The x-apikey
// header is removed before next sees the request.
func (v *Verifier) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := v.CheckRequest(r)
		if err != nil {
			refuse(w, r, err)
			return
		}
		r = r.WithContext(WithIdentity(r.Context(), id))
		r.Header.Del("x-apikey")
		next.ServeHTTP(w, r)
	})
}

// CheckRequest verifies the key (or, with Config.Tokens, the bearer token) that r
// carries for the request r is: the key's restrictions are applied to r's method
// and to its client's address (Config.ClientAddr). It returns the key's identity,
// or ErrUnauthorized, ErrForbidden, ErrUnavailable, or a *Refusal (ErrRestricted).
func (v *Verifier) CheckRequest(r *http.Request) (Identity, error) {
	if authz := r.Header.Get("Authorization"); v.cfg.Tokens != nil && len(authz) > 7 && strings.EqualFold(authz[:7], "Bearer ") {
		return v.cfg.Tokens.verifyRequest(r, strings.TrimSpace(authz[7:]), v.cfg.ClientAddr(r), v.cfg.Now())
	}
	keys := r.Header.Values("x-apikey")
	if len(keys) != 1 {
		return Identity{}, ErrUnauthorized
	}
	return v.check(r.Context(), strings.TrimSpace(keys[0]), r.Method, v.cfg.ClientAddr(r))
}

// problem is the RFC 9457 document of a refusal; its detail is a sentence of
// Sésame's catalogue in the caller's language (Accept-Language), French by default.
type problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
}

func refuse(w http.ResponseWriter, r *http.Request, err error) {
	status, code := http.StatusServiceUnavailable, codeUnreachable
	switch {
	case errors.Is(err, ErrUnauthorized):
		status, code = http.StatusUnauthorized, codeKeyRefused
		w.Header().Set("WWW-Authenticate", `APIKey realm="sesame", header="x-apikey"`)
	case errors.Is(err, ErrForbidden):
		status, code = http.StatusForbidden, codeWrongService
	}
	var rf *Refusal
	if errors.As(err, &rf) {
		w.Header().Set("X-Sesame-Refusal", rf.Reason)
		switch rf.Reason {
		case "rate_limited":
			status, code = http.StatusTooManyRequests, codeRefusedRate
			w.Header().Set("Retry-After", strconv.Itoa(max(int(rf.RetryAfter/time.Second), 1)))
		case "read_only":
			status, code = http.StatusForbidden, codeRefusedReadOnly
		default:
			status, code = http.StatusForbidden, codeRefusedAddress
		}
	}
	lang := callerLanguage(r.Header.Get("Accept-Language"))
	b, _ := json.Marshal(problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: sentence(code, lang)})
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Content-Language", lang)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Add("Vary", "Accept-Language")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
