package httpserver_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"sesame/service/api"
	"sesame/service/httpserver"
)

const serviceDepot = "depot-documents"

// generateFor creates a key of a given service through the API.
func (e *env) generateFor(bearer, tiers, svc, name string) api.GenerateResponse {
	e.t.Helper()
	status, _, body := e.do("POST", "/v1/keys", bearer, api.GenerateRequest{Tiers: tiers, Service: svc, Name: name})
	if status != http.StatusCreated {
		e.t.Fatalf("POST /v1/keys: %d %s", status, body)
	}
	var g api.GenerateResponse
	if err := json.Unmarshal(body, &g); err != nil {
		e.t.Fatal(err)
	}
	return g
}

// gateway sends what nginx's auth_request sub-request sends: GET, no body, the
// original request's headers, and the service the location names.
func (e *env) gateway(path string, headers map[string][]string) (int, http.Header, []byte) {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.url(path), nil)
	for k, vs := range headers {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	return e.send(req)
}

func TestGatewayEndpoint(t *testing.T) {
	e := newEnv(t, nil)
	_, admin := e.signIn(loginA, e.passwordA)
	loop := e.generate(admin.AccessToken, tiersA, "Passerelle Loop é/ \"x\"")
	depot := e.generateFor(admin.AccessToken, tiersA, serviceDepot, "Dépôt")
	key := func(g api.GenerateResponse) string { return g.Identifier + ":" + g.Secret }
	e.insertKeyExpiring("7777-7777-7777-7777", tiersA, "ssk_expired", time.Now().Add(-time.Minute))

	// The three ways of naming the service, alone or agreeing.
	for _, tc := range []struct{ name, path, header string }{
		{"header", "/v1/gateway", serviceLoop},
		{"query", "/v1/gateway?service=" + serviceLoop, ""},
		{"path (Envoy appends the original path)", "/v1/gateway/" + serviceLoop + "/api/clients/42", ""},
		{"header and query agree", "/v1/gateway?service=" + serviceLoop, serviceLoop},
	} {
		h := map[string][]string{"X-Apikey": {key(loop)}}
		if tc.header != "" {
			h[httpserver.HeaderService] = []string{tc.header}
		}
		status, hdr, body := e.gateway(tc.path, h)
		if status != http.StatusNoContent || len(body) != 0 {
			t.Fatalf("%s: %d %s", tc.name, status, body)
		}
		name, _ := url.PathUnescape(hdr.Get(httpserver.HeaderKeyName))
		if hdr.Get(httpserver.HeaderKey) != loop.Identifier || hdr.Get(httpserver.HeaderTiers) != tiersA ||
			hdr.Get(httpserver.HeaderService) != serviceLoop || name != "Passerelle Loop é/ \"x\"" {
			t.Fatalf("%s: identity headers %v", tc.name, hdr)
		}
		// Read by the gateway, never by a browser: no-store and the identity only.
		if hdr.Get("Cache-Control") != "no-store" || hdr.Get("Content-Security-Policy") != "" || hdr.Get("X-Frame-Options") != "" {
			t.Errorf("%s: 204 headers %v, want no-store without the browser headers", tc.name, hdr)
		}
	}

	loc := func(h map[string][]string) map[string][]string {
		h[httpserver.HeaderService] = []string{serviceLoop}
		return h
	}
	for _, tc := range []struct {
		name    string
		headers map[string][]string
		want    int
	}{
		{"no key", loc(map[string][]string{}), http.StatusUnauthorized},
		{"empty key", loc(map[string][]string{"X-Apikey": {""}}), http.StatusUnauthorized},
		{"no colon", loc(map[string][]string{"X-Apikey": {loop.Identifier}}), http.StatusUnauthorized},
		{"wrong secret", loc(map[string][]string{"X-Apikey": {loop.Identifier + ":" + depot.Secret}}), http.StatusUnauthorized},
		{"unknown key", loc(map[string][]string{"X-Apikey": {"ZZZZ-ZZZZ-ZZZZ-ZZZZ:" + loop.Secret}}), http.StatusUnauthorized},
		{"expired key", loc(map[string][]string{"X-Apikey": {"7777-7777-7777-7777:ssk_expired"}}), http.StatusUnauthorized},
		{"longer than any key", loc(map[string][]string{"X-Apikey": {key(loop) + strings.Repeat("A", 100)}}), http.StatusUnauthorized},
		{"two x-apikey headers", loc(map[string][]string{"X-Apikey": {key(loop), key(loop)}}), http.StatusUnauthorized},
		{"key of another service", loc(map[string][]string{"X-Apikey": {key(depot)}}), http.StatusForbidden},
	} {
		status, hdr, _ := e.gateway("/v1/gateway", tc.headers)
		if status != tc.want || hdr.Get(httpserver.HeaderKey) != "" {
			t.Errorf("%s: %d (key header %q), want %d", tc.name, status, hdr.Get(httpserver.HeaderKey), tc.want)
		}
		if hdr.Get("X-Content-Type-Options") != "nosniff" || hdr.Get("Content-Security-Policy") == "" {
			t.Errorf("%s: refusal without the security headers (Caddy and Traefik hand it to the client): %v", tc.name, hdr)
		}
		if status == http.StatusUnauthorized && !strings.HasPrefix(hdr.Get("WWW-Authenticate"), "APIKey") {
			t.Errorf("%s: challenge %q", tc.name, hdr.Get("WWW-Authenticate"))
		}
	}

	// A revoked key is refused at the next request.
	if status, _, body := e.do("POST", "/v1/keys/"+loop.Identifier+"/revoke", admin.AccessToken, nil); status != http.StatusOK {
		t.Fatalf("revoke: %d %s", status, body)
	}
	if status, _, _ := e.gateway("/v1/gateway", loc(map[string][]string{"X-Apikey": {key(loop)}})); status != http.StatusUnauthorized {
		t.Fatalf("revoked key: %d", status)
	}
}

func TestGatewayConfigurationErrors(t *testing.T) {
	e := newEnv(t, nil)
	_, admin := e.signIn(loginA, e.passwordA)
	depot := e.generateFor(admin.AccessToken, tiersA, serviceDepot, "Dépôt")
	for _, tc := range []struct {
		name, path, service, location string
	}{
		{"no service", "/v1/gateway", "", "/api/depot/factures"},
		{"unknown service", "/v1/gateway", "depot-document", "/api/depot/pieces"},
		{"service without keys", "/v1/gateway", "portail-client", "/portail/"},
		{"header and query disagree", "/v1/gateway?service=loop-apikey", serviceDepot, "/api/melange"},
	} {
		h := map[string][]string{"X-Apikey": {depot.Identifier + ":" + depot.Secret}, "X-Original-Uri": {tc.location + "?q=1"}}
		if tc.service != "" {
			h[httpserver.HeaderService] = []string{tc.service}
		}
		status, hdr, _ := e.gateway(tc.path, h)
		if status != http.StatusInternalServerError || hdr.Get(httpserver.HeaderKey) != "" {
			t.Errorf("%s: %d, want 500 and no identity", tc.name, status)
		}
		if !strings.Contains(e.logs.String(), "location="+tc.location+" ") {
			t.Errorf("%s: the server log does not name the location %s:\n%s", tc.name, tc.location, e.logs)
		}
	}
	if strings.Contains(e.logs.String(), depot.Secret) {
		t.Fatal("a secret reached the log")
	}
}

func TestVerifyForAService(t *testing.T) {
	e := newEnv(t, nil)
	_, admin := e.signIn(loginA, e.passwordA)
	loop := e.generate(admin.AccessToken, tiersA, "Loop")
	post := func(query, header string, apikeys ...string) int {
		req, _ := http.NewRequest("POST", e.url("/v1/verify"+query), nil)
		for _, k := range apikeys {
			req.Header.Add("x-apikey", k)
		}
		if header != "" {
			req.Header.Set(httpserver.HeaderService, header)
		}
		status, _, _ := e.send(req)
		return status
	}
	k := loop.Identifier + ":" + loop.Secret
	for _, tc := range []struct {
		name, query, header string
		keys                []string
		want                int
	}{
		{"no service named", "", "", []string{k}, http.StatusOK},
		{"its service (query)", "?service=" + serviceLoop, "", []string{k}, http.StatusOK},
		{"its service (header)", "", serviceLoop, []string{k}, http.StatusOK},
		{"another service", "?service=" + serviceDepot, "", []string{k}, http.StatusForbidden},
		{"unknown service", "?service=nope", "", []string{k}, http.StatusUnprocessableEntity},
		{"two x-apikey headers", "", "", []string{k, k}, http.StatusUnauthorized},
		{"longer than any key", "", "", []string{k + strings.Repeat("B", 200)}, http.StatusUnauthorized},
	} {
		if got := post(tc.query, tc.header, tc.keys...); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestGatewaySeesCatalogueChanges(t *testing.T) {
	now := time.Now()
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(d) }
	e := newEnv(t, func(c *httpserver.Config) { c.Now = clock })
	_, admin := e.signIn(loginA, e.passwordA)
	loop := e.generate(admin.AccessToken, tiersA, "Loop")
	h := map[string][]string{"X-Apikey": {loop.Identifier + ":" + loop.Secret}}
	if status, _, _ := e.gateway("/v1/gateway/"+serviceLoop, h); status != http.StatusNoContent {
		t.Fatalf("before: %d", status)
	}
	// The firm's catalogue stops accepting keys for Loop: within 30 s every location
	// naming it is a configuration error, never a 204.
	ctx := context.Background()
	cat, err := e.st.Catalogue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range cat.Entries {
		if cat.Entries[i].ID == serviceLoop {
			cat.Entries[i].AcceptsKeys = false
		}
	}
	if err := e.st.PutCatalogue(ctx, cat); err != nil {
		t.Fatal(err)
	}
	advance(30 * time.Second)
	if status, _, _ := e.gateway("/v1/gateway/"+serviceLoop, h); status != http.StatusInternalServerError {
		t.Fatalf("30 s after the catalogue changed: %d, want 500", status)
	}
}
