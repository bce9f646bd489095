package httpserver_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/verify"
)

// tokenFor asks client_credentials for a token of key c, for a client at from.
func (e *env) tokenFor(c service.Credentials, from string) (int, http.Header, map[string]any) {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.url("/oauth2/token"), strings.NewReader(url.Values{"grant_type": {"client_credentials"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", from)
	req.SetBasicAuth(url.QueryEscape(c.Identifier), url.QueryEscape(c.Secret))
	status, h, body := e.send(req)
	var out map[string]any
	_ = json.Unmarshal(body, &out)
	return status, h, out
}

// introspectFor asks the introspection endpoint, as the resource server with key
// rs, about a token used by a client at from with method.
func (e *env) introspectFor(rs service.Credentials, token, from, method string) (int, map[string]any) {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.url("/oauth2/introspect"), strings.NewReader(url.Values{"token": {token}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", from)
	if method != "" {
		req.Header.Set("X-Original-Method", method)
	}
	req.SetBasicAuth(url.QueryEscape(rs.Identifier), url.QueryEscape(rs.Secret))
	status, _, body := e.send(req)
	var out map[string]any
	_ = json.Unmarshal(body, &out)
	return status, out
}

// The restrictions on the token paths: client_credentials checks the address at
// issue and puts every restriction in the token's claims; introspection applies the
// key's restrictions as they are now to the request the resource server checks; the
// verify package's middleware applies the token's claims offline (address, method,
// rate). Each refusal names its rule and nothing of the key's settings.
func TestRestrictionsOnTokens(t *testing.T) {
	for name, open := range map[string]func(testing.TB, func(*httpserver.Config)) *env{"sqlite": newEnv, "postgres": newPostgresEnv} {
		t.Run(name, func(t *testing.T) {
			clock := &fakeClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
			e, p := restrictedEnv(t, open, clock)
			k := restricted(t, p, "Jeton restreint", service.RestrictionsInput{Addresses: []string{"192.0.2.0/24"}, ReadOnly: true, RatePerMinute: 60, Burst: 2})
			rs := restricted(t, p, "Serveur de ressources", service.RestrictionsInput{})

			status, h, out := e.tokenFor(k, "198.51.100.1")
			if status != http.StatusBadRequest || out["error"] != "unauthorized_client" || out["refusal"] != "address_not_allowed" ||
				h.Get(httpserver.HeaderRefusal) != "address_not_allowed" || strings.Contains(out["error_description"].(string), "192.0.2") {
				t.Fatalf("token from an address outside: %d %v", status, out)
			}
			status, _, out = e.tokenFor(k, "192.0.2.5")
			token, _ := out["access_token"].(string)
			if status != http.StatusOK || token == "" {
				t.Fatalf("token from an allowed address: %d %v", status, out)
			}
			parts := strings.Split(token, ".")
			payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
			var claims struct {
				Restrictions struct {
					Addresses     []string `json:"addresses"`
					ReadOnly      bool     `json:"read_only"`
					RatePerMinute int      `json:"rate_per_minute"`
					Burst         int      `json:"burst"`
				} `json:"restrictions"`
			}
			if json.Unmarshal(payload, &claims) != nil || strings.Join(claims.Restrictions.Addresses, ",") != "192.0.2.0/24" ||
				!claims.Restrictions.ReadOnly || claims.Restrictions.RatePerMinute != 60 || claims.Restrictions.Burst != 2 {
				t.Fatalf("the token's restriction claims: %s", payload)
			}

			// Introspection: the request the resource server checks.
			if _, out := e.introspectFor(rs, token, "198.51.100.1", "GET"); out["active"] != false || out["refusal"] != "address_not_allowed" {
				t.Fatalf("introspection for a client outside: %v", out)
			}
			if _, out := e.introspectFor(rs, token, "192.0.2.9", "PUT"); out["active"] != false || out["refusal"] != "read_only" {
				t.Fatalf("introspection for a PUT: %v", out)
			}
			if _, out := e.introspectFor(rs, token, "192.0.2.9", "GET"); out["active"] != true || out["refusal"] != nil {
				t.Fatalf("introspection for an allowed GET: %v", out)
			}

			// Offline, in the firm's own service.
			tv := verify.NewTokenVerifier(e.issuer, serviceLoop, nil, clock.Now)
			v, err := verify.New(verify.Config{Server: e.issuer, Service: serviceLoop, Tokens: tv, Now: clock.Now,
				ClientAddr: func(r *http.Request) string { return r.Header.Get("X-Test-Client") }})
			if err != nil {
				t.Fatal(err)
			}
			api := v.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) }))
			call := func(method, from string) *httptest.ResponseRecorder {
				req := httptest.NewRequest(method, "/clients", nil)
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("X-Test-Client", from)
				rec := httptest.NewRecorder()
				api.ServeHTTP(rec, req)
				return rec
			}
			for _, tc := range []struct {
				method, from string
				status       int
				refusal      string
			}{
				{"GET", "198.51.100.1", http.StatusForbidden, "address_not_allowed"},
				{"DELETE", "192.0.2.9", http.StatusForbidden, "read_only"},
				{"GET", "192.0.2.9", http.StatusTeapot, ""},
				{"HEAD", "192.0.2.10", http.StatusTeapot, ""},
				{"GET", "192.0.2.9", http.StatusTooManyRequests, "rate_limited"},
			} {
				rec := call(tc.method, tc.from)
				if rec.Code != tc.status || rec.Header().Get("X-Sesame-Refusal") != tc.refusal ||
					(tc.status == http.StatusTooManyRequests && rec.Header().Get("Retry-After") != "1") {
					t.Fatalf("offline %s from %s: %d %v %s; want %d %s", tc.method, tc.from, rec.Code, rec.Header(), rec.Body, tc.status, tc.refusal)
				}
			}
			clock.Advance(time.Second)
			if rec := call("GET", "192.0.2.9"); rec.Code != http.StatusTeapot {
				t.Fatalf("offline a second later: %d", rec.Code)
			}

			// The same middleware with the key itself (x-apikey): the server decides
			// for each request, with its method and client's address; nothing about
			// a restricted key is kept in the middleware's cache.
			withKey := func(method, from string) *httptest.ResponseRecorder {
				req := httptest.NewRequest(method, "/clients", nil)
				req.Header.Set("x-apikey", k.Identifier+":"+k.Secret)
				req.Header.Set("X-Test-Client", from)
				rec := httptest.NewRecorder()
				api.ServeHTTP(rec, req)
				return rec
			}
			for _, tc := range []struct {
				method, from string
				status       int
				refusal      string
			}{
				{"GET", "198.51.100.1", http.StatusForbidden, "address_not_allowed"},
				{"POST", "192.0.2.9", http.StatusForbidden, "read_only"},
				{"GET", "192.0.2.9", http.StatusTeapot, ""},
				{"GET", "192.0.2.9", http.StatusTeapot, ""},
				{"GET", "192.0.2.9", http.StatusTooManyRequests, "rate_limited"},
				{"GET", "198.51.100.1", http.StatusForbidden, "address_not_allowed"},
			} {
				rec := withKey(tc.method, tc.from)
				if rec.Code != tc.status || rec.Header().Get("X-Sesame-Refusal") != tc.refusal {
					t.Fatalf("x-apikey %s from %s: %d %v %s; want %d %s", tc.method, tc.from, rec.Code, rec.Header(), rec.Body, tc.status, tc.refusal)
				}
			}
		})
	}
}
