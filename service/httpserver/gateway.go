package httpserver

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"sesame/service"
	"sesame/service/store"
)

// The headers of the gateway protocol. A gateway names the service its protected
// location belongs to in HeaderService (or the query parameter "service"); the answer
// to a usable key carries who it is in the others, for the gateway to pass upstream.
const (
	HeaderService = "X-Sesame-Service"  // request: the location's service; answer: the key's
	HeaderKey     = "X-Sesame-Key"      // answer: the key's identifier
	HeaderTiers   = "X-Sesame-Tiers"    // answer: the code of the key's tiers
	HeaderKeyName = "X-Sesame-Key-Name" // answer: the key's name, percent-encoded UTF-8
	// HeaderRestricted, in an answer, says that the key has restrictions: the
	// answer is for this request only, never to be kept for another.
	HeaderRestricted = "X-Sesame-Restricted"
)

var hdrTrue = []string{"true"}

// gatewayDroppedHeaders are the security headers (securityHeaders) that a 204 of
// /v1/gateway does without; error answers keep them all, since Caddy and Traefik
// hand those to the client.
var gatewayDroppedHeaders = []string{"X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Content-Security-Policy"}

// maxAPIKeyHeader is longer than any x-apikey value a key can make (an identifier
// typed with spaces, a colon, a secret): anything longer is refused before any work.
const maxAPIKeyHeader = 64 + service.SecretLength

// errGatewayConfig is a request that names no service, or one the catalogue lacks:
// the gateway's configuration is wrong, which only its operator can fix.
var errGatewayConfig = errors.New("gateway configuration")

// handleGateway answers /v1/gateway (GET; Envoy keeps the original method), the sub-request of nginx auth_request,
// Caddy forward_auth, Traefik ForwardAuth and Envoy ext_authz: 204 with the key's
// identity in the X-Sesame-* headers when the original request's x-apikey holds a
// usable key of the service the location names; 401 for a missing, malformed,
// unknown, revoked or expired key (RFC 9110 §15.5.2), also when throttled, since
// nginx turns any other status into 500; 403 for a usable key of another service;
// 500 when the location names no service the catalogue knows, logged with the
// location, so that a configuration error never lets a request through.
func (s *Server) handleGateway(w http.ResponseWriter, r *http.Request) {
	k, err := s.checkKey(r, true)
	s.metrics.verified("gateway", err)
	var th keyThrottled
	switch {
	case err == nil:
	case errors.Is(err, errGatewayConfig):
		s.log.Error("gateway configuration error: the location names no service that accepts keys",
			append(logAttrs(r), "location", gatewayLocation(r), "service", requestedServiceForLog(r))...)
		s.writeProblem(w, r, service.Errorf(service.EINTERNAL,
			msgGatewayNoService, err))
		return
	case errors.As(err, &th):
		w.Header().Set("Retry-After", retryAfter(th.wait))
		s.verifyFailed(w, r, service.Errorf(service.EUNAUTHORIZED, service.MsgRateLimited, nil))
		return
	case isRateRefusal(err):
		// 401 with Retry-After, as for throttling: the documented nginx
		// configuration answers the client 429 with it (and X-Sesame-Refusal).
		s.verifyFailed(w, r, &service.Error{Code: service.EUNAUTHORIZED, Message: service.MsgRefusedRate, Err: err})
		return
	default:
		s.verifyFailed(w, r, keyAuthError(err))
		return
	}
	h := w.Header()
	// A 204 has no body to sniff, frame or refer from, and the gateway reads it, not
	// a browser: of the security headers only no-store stays (a cache in front of
	// /v1/gateway must never keep an answer past a revocation). Fewer headers to
	// write on every sub-request, and a map that never grows past its first group.
	for _, name := range gatewayDroppedHeaders {
		delete(h, name)
	}
	h[HeaderKey] = []string{k.ID}
	h[HeaderTiers] = []string{k.Tiers}
	h[HeaderService] = []string{k.Service}
	h[HeaderKeyName] = []string{url.PathEscape(k.Name)}
	if !k.Restrictions.IsZero() {
		// The answer holds for this request only (its address, method, instant):
		// a gateway that keeps answers (the verify package) must ask again.
		h[HeaderRestricted] = hdrTrue
	}
	w.WriteHeader(http.StatusNoContent)
}

// checkKey is what both verification endpoints do: read the service the request
// names (none is allowed on POST /v1/verify only), read the one x-apikey header,
// authenticate the key through authenticateKey, refuse a key of another service,
// and apply the key's restrictions (enforce).
func (s *Server) checkKey(r *http.Request, gateway bool) (store.KeyRecord, error) {
	svc, err := requestedService(r)
	if err != nil {
		return store.KeyRecord{}, err
	}
	if svc == "" && gateway {
		return store.KeyRecord{}, errGatewayConfig
	}
	if svc != "" {
		ok, err := s.serviceAcceptsKeys(r.Context(), svc)
		if err != nil {
			return store.KeyRecord{}, err
		}
		if !ok {
			return store.KeyRecord{}, errGatewayConfig
		}
	}
	values := r.Header.Values(HeaderAPIKey)
	switch {
	case len(values) == 0:
		return store.KeyRecord{}, service.Errorf(service.EUNAUTHORIZED, msgKeyMissing, nil)
	case len(values) > 1:
		s.log.Info("api key rejected", append(logAttrs(r), "reason", "several x-apikey headers")...)
		return store.KeyRecord{}, service.Errorf(service.EUNAUTHORIZED, msgKeyRepeated, nil)
	case len(values[0]) > maxAPIKeyHeader:
		s.log.Info("api key rejected", append(logAttrs(r), "reason", "x-apikey longer than any key")...)
		return store.KeyRecord{}, service.Errorf(service.EUNAUTHORIZED, msgKeyTooLong, nil)
	}
	id, secret, ok := strings.Cut(strings.TrimSpace(values[0]), ":")
	if !ok {
		return store.KeyRecord{}, service.Errorf(service.EUNAUTHORIZED, msgKeyMalformed, nil)
	}
	k, err := s.authenticateKey(r.Context(), r, id, secret)
	if err != nil {
		return store.KeyRecord{}, err
	}
	if svc != "" && k.Service != svc {
		s.log.Info("api key refused", append(logAttrs(r), "key", k.ID, "reason", "key of another service",
			"key_service", k.Service, "service", svc)...)
		return store.KeyRecord{}, service.Errorf(service.EFORBIDDEN, msgKeyWrongService, nil)
	}
	if err := s.enforce(r, k, s.checkedMethod(r, gateway)); err != nil {
		return store.KeyRecord{}, err
	}
	s.recordUse(k) // both endpoints grant the request from here on
	return k.KeyRecord, nil
}

// requestedService is the service a request names: in the path (/v1/gateway/ID/…,
// for Envoy, which appends the original path), the X-Sesame-Service header or the
// "service" query parameter; naming two different ones is a configuration error.
func requestedService(r *http.Request) (string, error) {
	first, named, agree := "", false, true
	see := func(v string) {
		if !named {
			first, named = v, true
		} else if v != first {
			agree = false
		}
	}
	for _, v := range r.Header.Values(HeaderService) {
		see(v)
	}
	if r.URL.RawQuery != "" { // parsed only when there is one: nginx sends none
		for _, v := range r.URL.Query()["service"] {
			see(v)
		}
	}
	if p := r.PathValue("service"); p != "" {
		see(p)
	}
	if !agree {
		return "", errGatewayConfig
	}
	return strings.TrimSpace(first), nil
}

// requestedServiceForLog is what a misconfigured gateway sent as its service, cut
// short and stripped of control characters.
func requestedServiceForLog(r *http.Request) string {
	v := r.Header.Get(HeaderService)
	if v == "" {
		v = r.URL.Query().Get("service")
	}
	if v == "" {
		v = r.PathValue("service")
	}
	return logSafe(v)
}

// gatewayLocation names the protected location of a sub-request for the log: the
// original URI that nginx (X-Original-URI, as the documented configuration sets),
// Traefik and Caddy (X-Forwarded-Uri) or Envoy (the path after the prefix) pass,
// without its query, which could hold anything.
func gatewayLocation(r *http.Request) string {
	loc := r.Header.Get("X-Original-URI")
	if loc == "" {
		loc = r.Header.Get("X-Forwarded-Uri")
	}
	if loc == "" {
		loc = r.URL.Path
	}
	loc, _, _ = strings.Cut(loc, "?")
	loc = logPath(loc)
	if host := r.Header.Get("X-Forwarded-Host"); host != "" {
		loc = host + loc
	}
	return logSafe(loc)
}

// logSafe keeps a value from a request fit for one log line.
func logSafe(v string) string {
	v = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, v)
	if len(v) > 200 {
		v = v[:200] + "…"
	}
	return v
}

// isRateRefusal reports whether err is a refusal by a key's rate limit.
func isRateRefusal(err error) bool {
	rf, ok := asRefusal(err)
	return ok && rf.reason == service.RefusalRate
}
