package httpserver

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"sesame/service"
	"sesame/service/api"
	"sesame/service/msg"
)

// Body size caps (http.MaxBytesReader): forms and JSON requests are small.
const (
	maxFormBytes = 16 << 10
	maxJSONBytes = 16 << 10
)

// The values of the headers every answer carries, allocated once: Header.Set
// replaces a value's slice and Add copies it, so sharing them is safe.
var (
	hdrNoStore = []string{"no-store"}
	hdrNoSniff = []string{"nosniff"}
	hdrDeny    = []string{"DENY"}
	hdrNoRef   = []string{"no-referrer"}
	hdrCSP     = []string{"default-src 'none'; frame-ancestors 'none'"}
	hdrHSTS    = []string{"max-age=31536000"}
)

// securityHeaders sets what every answer carries: nothing here may be cached, framed,
// sniffed into another type, or leak its URL to another site. (The 204 of
// /v1/gateway, read by a gateway only, keeps just no-store: handleGateway.)
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h["Cache-Control"] = hdrNoStore
		h["X-Content-Type-Options"] = hdrNoSniff
		h["X-Frame-Options"] = hdrDeny
		h["Referrer-Policy"] = hdrNoRef
		h["Content-Security-Policy"] = hdrCSP
		if r.TLS != nil {
			h["Strict-Transport-Security"] = hdrHSTS
		}
		next.ServeHTTP(w, r)
	})
}

// writeJSON answers a value as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// writeProblem answers an error as an RFC 9457 problem document with its message
// code and the sentence in the caller's language; the cause goes to the log, never to
// the caller.
func (s *Server) writeProblem(w http.ResponseWriter, r *http.Request, err error) {
	p := api.ProblemFor(err, callerLanguage(r))
	if p.Status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", logPath(r.URL.Path), "code", p.Code, "err", err)
	}
	if p.Status == http.StatusTooManyRequests {
		var rl *rateLimitedError
		if errors.As(err, &rl) {
			w.Header().Set("Retry-After", retryAfter(rl.wait))
		}
	}
	if rf, ok := asRefusal(err); ok {
		p.Reason = string(rf.reason)
		w.Header().Set(HeaderRefusal, p.Reason)
		if rf.wait > 0 {
			w.Header().Set("Retry-After", retryAfter(rf.wait))
		}
	}
	if p.Status == http.StatusUnauthorized && w.Header().Get("WWW-Authenticate") == "" {
		w.Header().Set("WWW-Authenticate", `Bearer realm="sesame", error="invalid_token"`)
	}
	writeProblemDoc(w, p)
}

// writeProblemStatus answers err as a problem document with a status its kind does
// not give: 405 for a method, 428 for a missing precondition.
func (s *Server) writeProblemStatus(w http.ResponseWriter, r *http.Request, status int, err error) {
	p := api.ProblemFor(err, callerLanguage(r))
	p.Status, p.Title = status, http.StatusText(status)
	writeProblemDoc(w, p)
}

// writeProblemDoc answers a problem document.
func writeProblemDoc(w http.ResponseWriter, p api.Problem) {
	b, _ := json.Marshal(p)
	w.Header().Set("Content-Type", api.MediaTypeProblem)
	w.WriteHeader(p.Status)
	_, _ = w.Write(b)
}

// badRequest is the error of a request the server cannot read (bad JSON, too big).
func badRequest(cause error) error {
	var tooBig *http.MaxBytesError
	if errors.As(cause, &tooBig) {
		return service.Errorf(service.EINVALID, msgRequestTooLarge, cause)
	}
	var typeErr *json.UnmarshalTypeError
	if errors.As(cause, &typeErr) && typeErr.Field != "" {
		code := api.MsgFieldInvalid
		if typeErr.Type == reflect.TypeFor[api.Instant]() {
			code = api.MsgDateFormat
		}
		return &service.Error{Code: service.EINVALID, Field: typeErr.Field, Message: code, Params: msg.Params{"Name": typeErr.Field}, Err: cause}
	}
	return service.Errorf(service.EINVALID, msgRequestInvalid, cause)
}

// rateLimitedError is ERATELIMITED with how long to wait.
type rateLimitedError struct {
	wait time.Duration
}

func (e *rateLimitedError) Error() string { return "rate limited for " + e.wait.String() }

func errRateLimited(wait time.Duration) error {
	return service.Errorf(service.ERATELIMITED, service.MsgRateLimited, &rateLimitedError{wait: wait})
}

// retryAfter formats a wait as whole seconds, at least one (RFC 9110 §10.2.3).
func retryAfter(d time.Duration) string {
	secs := int64((d + time.Second - 1) / time.Second)
	return strconv.FormatInt(max(secs, 1), 10)
}

// handleNotFound answers unknown paths with a problem document, and a known path
// asked with a method it does not take with 405 and the methods it takes in Allow
// (RFC 9110 §15.5.6).
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	if allow := s.allowedMethods(r); len(allow) > 0 {
		list := strings.Join(allow, ", ")
		w.Header().Set("Allow", list)
		s.writeProblemStatus(w, r, http.StatusMethodNotAllowed,
			&service.Error{Code: service.EINVALID, Message: msgMethodNotAllowed, Params: msg.Params{"Allow": list}})
		return
	}
	s.writeProblem(w, r, service.Errorf(service.ENOTFOUND, msgRouteNotFound, nil))
}

// probeMethods are the methods a path is tried with to fill Allow.
var probeMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// allowedMethods are the methods r's path is routed for, besides the catch-all.
func (s *Server) allowedMethods(r *http.Request) []string {
	var allow []string
	for _, m := range probeMethods {
		if _, pattern := s.mux.Handler(&http.Request{Method: m, URL: r.URL, Host: r.Host}); pattern != "" && pattern != "/" {
			allow = append(allow, m)
		}
	}
	return allow
}

// logAttrs are the request's attributes that are safe to log: method, path, address.
func logAttrs(r *http.Request) []any {
	return []any{slog.String("method", r.Method), slog.String("path", logPath(r.URL.Path)), slog.String("addr", ClientAddr(r))}
}
