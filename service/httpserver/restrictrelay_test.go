package httpserver_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/local"
)

// A service that relays for its clients (verify.Middleware sends X-Forwarded-For)
// but is not listed in --trusted-proxy: its header is not believed, so the
// client's address is unknown and a key with an address list is refused on
// /v1/gateway and POST /v1/verify, whatever the relay's own address; the log says
// to list it with --trusted-proxy, the answer says nothing of the key's settings.
// Without a forwarding header the caller is the client; a key without an address
// list is not concerned. Introspection likewise.
func TestAddressUnknownFromUntrustedRelay(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	e := newEnv(t, clockConfig(clock)) // no trusted proxy
	p := local.New(e.st, loginA).WithClock(clock.Now)
	// The test's own address, the relay's, is in the list: believing the peer
	// instead of the unknown client would let any client through.
	near := restricted(t, p, "Local", service.RestrictionsInput{Addresses: []string{"127.0.0.0/8", "::1"}})
	free := restricted(t, p, "Libre", service.RestrictionsInput{ReadOnly: true})

	for _, gw := range []bool{false, true} {
		ok := http.StatusOK
		if gw {
			ok = http.StatusNoContent
		}
		for _, h := range []map[string]string{
			{"X-Forwarded-For": "198.51.100.7"},
			{"X-Forwarded-For": "127.0.0.1"},
			{"Forwarded": "for=198.51.100.7"},
			{"X-Real-IP": "198.51.100.7"},
		} {
			st, rh, body := e.relayCheck(gw, near, h)
			if st != http.StatusForbidden || rh.Get(httpserver.HeaderRefusal) != "address_not_allowed" {
				t.Fatalf("gateway=%v, untrusted relay with %v: %d %q %s; want 403 address_not_allowed",
					gw, h, st, rh.Get(httpserver.HeaderRefusal), body)
			}
			if strings.Contains(body, "127.0.0") || strings.Contains(body, "trusted") {
				t.Fatalf("gateway=%v: the refusal reveals the key's settings or the server's: %s", gw, body)
			}
		}
		if st, _, body := e.relayCheck(gw, near, nil); st != ok {
			t.Fatalf("gateway=%v, the client itself from an allowed address: %d %s", gw, st, body)
		}
		if st, _, body := e.relayCheck(gw, free, map[string]string{"X-Forwarded-For": "198.51.100.7"}); st != ok {
			t.Fatalf("gateway=%v, key without an address list through an untrusted relay: %d %s", gw, st, body)
		}
	}
	if st, _, body := e.relayCheck(false, near, map[string]string{"X-Forwarded-For": " "}); st != http.StatusOK {
		t.Fatalf("an empty X-Forwarded-For names no client: %d %s", st, body)
	}

	// Introspection: the resource server, not trusted, names the token's client.
	status, _, out := e.tokenFor(near, "")
	token, _ := out["access_token"].(string)
	if status != http.StatusOK || token == "" {
		t.Fatalf("token of the key from its own address: %d %v", status, out)
	}
	if _, out := e.introspectFor(free, token, "198.51.100.7", "GET"); out["active"] != false || out["refusal"] != "address_not_allowed" {
		t.Fatalf("introspection by an untrusted relay naming the client: %v; want inactive, address_not_allowed", out)
	}
	if _, out := e.introspectFor(free, token, "", "GET"); out["active"] != true {
		t.Fatalf("introspection naming no client: %v; want active", out)
	}
	if logs := e.logs.String(); !strings.Contains(logs, "--trusted-proxy") {
		t.Fatalf("no log names --trusted-proxy:\n%s", logs)
	}
}

// relayCheck asks /v1/verify (POST, method GET named) or /v1/gateway (GET) about
// c, with the forwarding headers given (name → value).
func (e *env) relayCheck(gateway bool, c service.Credentials, headers map[string]string) (int, http.Header, string) {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.url("/v1/verify"), nil)
	req.Header.Set("X-Original-Method", "GET")
	if gateway {
		req, _ = http.NewRequest("GET", e.url("/v1/gateway"), nil)
		req.Header.Set(httpserver.HeaderService, serviceLoop)
	}
	req.Header.Set("x-apikey", c.Identifier+":"+c.Secret)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	status, h, body := e.send(req)
	return status, h, string(body)
}
