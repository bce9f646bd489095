package httpserver_test

import (
	"net/http"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/local"
)

// gatewayWith asks /v1/gateway (a GET, as forward-auth sends it) about c, with the
// method headers given (name → value).
func (e *env) gatewayWith(c service.Credentials, headers map[string]string) (int, http.Header) {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.url("/v1/gateway"), nil)
	req.Header.Set(httpserver.HeaderService, serviceLoop)
	req.Header.Set("x-apikey", c.Identifier+":"+c.Secret)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	status, h, _ := e.send(req)
	return status, h
}

// A read-only key behind Traefik or Caddy forward-auth: the proxy sets
// X-Forwarded-Method and passes the client's own headers through, so a client's
// X-Original-Method: GET on a POST must not let the POST pass. From a trusted proxy
// X-Forwarded-Method wins; from a connection that is no trusted proxy, a method
// header that differs from the sub-request's own leaves the method unknown, which
// a read-only key is refused.
func TestGatewayMethodFromTrustedProxyOnly(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	e, p := restrictedEnv(t, newEnv, clock)
	ro := restricted(t, p, "Lecture", service.RestrictionsInput{ReadOnly: true})

	st, h := e.gatewayWith(ro, map[string]string{"X-Forwarded-Method": "POST", "X-Original-Method": "GET"})
	if st != http.StatusForbidden || h.Get(httpserver.HeaderRefusal) != "read_only" {
		t.Fatalf("trusted proxy, X-Forwarded-Method POST and a client's X-Original-Method GET: %d %q; want 403 read_only", st, h.Get(httpserver.HeaderRefusal))
	}
	if st, _ := e.gatewayWith(ro, map[string]string{"X-Forwarded-Method": "GET", "X-Original-Method": "DELETE"}); st != http.StatusNoContent {
		t.Fatalf("trusted proxy, X-Forwarded-Method GET: %d; want 204", st)
	}
	if st, _ := e.gatewayWith(ro, map[string]string{"X-Original-Method": "PUT"}); st != http.StatusForbidden {
		t.Fatalf("trusted proxy (nginx), X-Original-Method PUT: %d; want 403", st)
	}

	untrusted := newEnv(t, clockConfig(clock)) // no trusted proxy: the test's address is a client
	ro2 := restricted(t, local.New(untrusted.st, loginA).WithClock(clock.Now), "Lecture", service.RestrictionsInput{ReadOnly: true})
	for _, hs := range []map[string]string{
		{"X-Forwarded-Method": "POST", "X-Original-Method": "GET"},
		{"X-Forwarded-Method": "POST"},
		{"X-Original-Method": "DELETE"},
	} {
		st, h := untrusted.gatewayWith(ro2, hs)
		if st != http.StatusForbidden || h.Get(httpserver.HeaderRefusal) != "read_only" {
			t.Fatalf("untrusted peer, %v: %d %q; want 403 read_only", hs, st, h.Get(httpserver.HeaderRefusal))
		}
	}
	if st, _ := untrusted.gatewayWith(ro2, map[string]string{"X-Original-Method": "GET"}); st != http.StatusNoContent {
		t.Fatalf("untrusted peer, a GET that says GET: %d; want 204", st)
	}
}
