package httpserver

import (
	"net/http"
	"time"
)

// oauthError is an error answer of the token, introspection and revocation endpoints
// (RFC 6749 §5.2). Its description is ASCII, as §5.2 requires, and never repeats
// what the caller sent.
type oauthError struct {
	status      int
	code        string
	description string
	retryAfter  time.Duration
	basic       bool   // the client tried HTTP Basic: answer with its challenge
	refusal     string // the rule of the key's restrictions that refused it (service.Refusal)
}

func (e *oauthError) Error() string { return e.code + ": " + e.description }

func errInvalidRequest(desc string) *oauthError {
	return &oauthError{status: http.StatusBadRequest, code: "invalid_request", description: desc}
}

func errInvalidClient(basic bool) *oauthError {
	return &oauthError{status: http.StatusUnauthorized, code: "invalid_client", description: "client authentication failed", basic: basic}
}

func errInvalidGrant(desc string) *oauthError {
	return &oauthError{status: http.StatusBadRequest, code: "invalid_grant", description: desc}
}

func errTooManyAttempts(wait time.Duration) *oauthError {
	return &oauthError{status: http.StatusTooManyRequests, code: "temporarily_unavailable",
		description: "too many failed attempts, retry later", retryAfter: wait}
}

// errRefused is a key whose secret matched, refused by its restrictions: the rule
// is named (refusal member and X-Sesame-Refusal), never the key's settings.
func errRefused(reason string) *oauthError {
	return &oauthError{status: http.StatusBadRequest, code: "unauthorized_client",
		description: "the key's restrictions refuse this request", refusal: reason}
}

func errServer() *oauthError {
	return &oauthError{status: http.StatusInternalServerError, code: "server_error", description: "internal error"}
}

// writeOAuthError answers e as JSON, with WWW-Authenticate for a failed Basic
// authentication (§5.2) and Retry-After for a rate-limited one.
func writeOAuthError(w http.ResponseWriter, e *oauthError) {
	if e.basic {
		w.Header().Set("WWW-Authenticate", `Basic realm="sesame"`)
	}
	if e.retryAfter > 0 {
		w.Header().Set("Retry-After", retryAfter(e.retryAfter))
	}
	body := map[string]string{"error": e.code, "error_description": e.description}
	if e.refusal != "" {
		w.Header().Set(HeaderRefusal, e.refusal)
		body["refusal"] = e.refusal
	}
	writeJSON(w, e.status, body)
}
