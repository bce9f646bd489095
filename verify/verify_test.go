package verify_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2/clientcredentials"

	"sesame/service"
	"sesame/service/httpserver/servertest"
	"sesame/service/local"
	"sesame/verify"
)

// clock is a fake clock the test moves by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// counting counts the requests that reach the server.
type counting struct{ n atomic.Int64 }

func (c *counting) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return http.DefaultTransport.RoundTrip(r)
}

// fixture is a real server with two keys, and a Go API behind the middleware.
type fixture struct {
	srv         *servertest.Env
	portal      service.Portal
	loop, depot service.GeneratedKey
	clock       *clock
	asked       *counting
	v           *verify.Verifier
	api         *httptest.Server
}

func newFixture(t *testing.T, tweak func(*verify.Config)) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{srv: servertest.Start(t, nil), clock: &clock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}, asked: &counting{}}
	f.portal = local.New(f.srv.Store, servertest.Login)
	var err error
	if f.loop, err = f.portal.Generate(ctx, service.GenerateRequest{Tiers: servertest.Tiers, Service: "loop-apikey", Name: "Intégration « Loop »"}); err != nil {
		t.Fatal(err)
	}
	if f.depot, err = f.portal.Generate(ctx, service.GenerateRequest{Tiers: servertest.Tiers, Service: "depot-documents", Name: "Dépôt"}); err != nil {
		t.Fatal(err)
	}
	cfg := verify.Config{Server: f.srv.URL, Service: "loop-apikey", Client: &http.Client{Transport: f.asked},
		PositiveTTL: 5 * time.Second, NegativeTTL: 2 * time.Second, Now: f.clock.Now}
	if tweak != nil {
		tweak(&cfg)
	}
	if f.v, err = verify.New(cfg); err != nil {
		t.Fatal(err)
	}
	f.api = httptest.NewServer(f.v.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, ok := verify.FromContext(r.Context())
		if !ok || r.Header.Get("x-apikey") != "" {
			http.Error(w, "no identity, or the secret reached the handler", http.StatusTeapot)
			return
		}
		_, _ = w.Write([]byte(id.Key + "|" + id.Tiers + "|" + id.Service + "|" + id.Name))
	})))
	t.Cleanup(f.api.Close)
	return f
}

func apikey(g service.GeneratedKey) string {
	return g.Credentials.Identifier + ":" + g.Credentials.Secret
}

// call sends a request to the API with the given headers.
func (f *fixture) call(t *testing.T, h http.Header) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", f.api.URL+"/clients", nil)
	req.Header = h
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp.StatusCode, b.String()
}

func withKey(keys ...string) http.Header { return http.Header{"X-Apikey": keys} }

func TestMiddlewareAgainstTheRealServer(t *testing.T) {
	f := newFixture(t, nil)
	status, body := f.call(t, withKey(apikey(f.loop)))
	want := f.loop.Credentials.Identifier + "|" + servertest.Tiers + "|loop-apikey|Intégration « Loop »"
	if status != http.StatusOK || body != want {
		t.Fatalf("a usable key: %d %q, want 200 %q", status, body, want)
	}
	for _, tc := range []struct {
		name string
		h    http.Header
		want int
	}{
		{"no key", http.Header{}, http.StatusUnauthorized},
		{"unknown key", withKey("ZZZZ-ZZZZ-ZZZZ-ZZZZ:" + f.loop.Credentials.Secret), http.StatusUnauthorized},
		{"wrong secret", withKey(f.loop.Credentials.Identifier + ":" + f.depot.Credentials.Secret), http.StatusUnauthorized},
		{"two x-apikey headers", withKey(apikey(f.loop), apikey(f.loop)), http.StatusUnauthorized},
		{"longer than any key", withKey(apikey(f.loop) + strings.Repeat("x", 300)), http.StatusUnauthorized},
		{"key of another service", withKey(apikey(f.depot)), http.StatusForbidden},
	} {
		if status, body := f.call(t, tc.h); status != tc.want {
			t.Errorf("%s: %d %s, want %d", tc.name, status, body, tc.want)
		}
	}
}

func TestRevocationIsSeenWithinTheCacheBound(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	if status, _ := f.call(t, withKey(apikey(f.loop))); status != http.StatusOK {
		t.Fatal("first use refused")
	}
	if status, _ := f.call(t, withKey(apikey(f.loop))); status != http.StatusOK || f.asked.n.Load() != 1 {
		t.Fatalf("second use: %d after %d questions to the server, want 200 from the cache", status, f.asked.n.Load())
	}
	if _, err := f.portal.Revoke(ctx, f.loop.Credentials.Identifier); err != nil {
		t.Fatal(err)
	}
	// Within the bound the cached answer may still be used; from the bound on, never.
	f.clock.Add(4 * time.Second)
	if status, _ := f.call(t, withKey(apikey(f.loop))); status != http.StatusOK || f.asked.n.Load() != 1 {
		t.Fatalf("4 s later: %d, %d questions (the cache holds 5 s)", status, f.asked.n.Load())
	}
	f.clock.Add(time.Second)
	if status, _ := f.call(t, withKey(apikey(f.loop))); status != http.StatusUnauthorized {
		t.Fatalf("5 s after the revocation the key still opens the API: %d", status)
	}

	// The refusal is cached for NegativeTTL, then asked again.
	n := f.asked.n.Load()
	f.call(t, withKey(apikey(f.loop)))
	if f.asked.n.Load() != n {
		t.Fatal("a refusal was not cached")
	}
	f.clock.Add(2 * time.Second)
	f.call(t, withKey(apikey(f.loop)))
	if f.asked.n.Load() != n+1 {
		t.Fatal("a refusal was cached past NegativeTTL")
	}
}

func TestWithoutCacheRevocationIsImmediate(t *testing.T) {
	f := newFixture(t, func(c *verify.Config) { c.PositiveTTL, c.NegativeTTL = -1, -1 })
	if status, _ := f.call(t, withKey(apikey(f.loop))); status != http.StatusOK {
		t.Fatal("refused")
	}
	if _, err := f.portal.Revoke(context.Background(), f.loop.Credentials.Identifier); err != nil {
		t.Fatal(err)
	}
	if status, _ := f.call(t, withKey(apikey(f.loop))); status != http.StatusUnauthorized {
		t.Fatalf("revoked key without cache: %d", status)
	}
}

func TestServerDownFailsClosed(t *testing.T) {
	f := newFixture(t, nil)
	f.srv.Stop()
	if status, _ := f.call(t, withKey(apikey(f.loop))); status != http.StatusServiceUnavailable {
		t.Fatalf("server down: %d, want 503", status)
	}
	// Nothing was cached for it: still 503, and a question each time.
	n := f.asked.n.Load()
	if status, _ := f.call(t, withKey(apikey(f.loop))); status != http.StatusServiceUnavailable || f.asked.n.Load() != n+1 {
		t.Fatalf("server still down: %d", status)
	}
	if _, err := f.v.Check(context.Background(), apikey(f.loop)); !errors.Is(err, verify.ErrUnavailable) ||
		strings.Contains(err.Error(), f.loop.Credentials.Secret) {
		t.Fatalf("Check: %v", err)
	}
}

func TestClientCredentialsTokens(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	token := func(g service.GeneratedKey) string {
		cc := clientcredentials.Config{ClientID: g.Credentials.Identifier, ClientSecret: g.Credentials.Secret, TokenURL: f.srv.URL + "/oauth2/token"}
		tok, err := cc.Token(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return tok.AccessToken
	}
	loopTok, depotTok := token(f.loop), token(f.depot)
	// The verifier runs on the real clock for issuance; the fake one starts now.
	c := &clock{t: time.Now()}
	tv := verify.NewTokenVerifier(f.srv.URL, "loop-apikey", nil, c.Now)
	id, err := tv.Verify(ctx, loopTok)
	if err != nil || id.Key != f.loop.Credentials.Identifier || id.Tiers != servertest.Tiers || id.Service != "loop-apikey" {
		t.Fatalf("Loop token: %+v %v", id, err)
	}
	// The server puts the key's service as audience: a Dépôt token is not for Loop.
	if _, err := tv.Verify(ctx, depotTok); !errors.Is(err, verify.ErrForbidden) {
		t.Fatalf("Dépôt token on Loop: %v", err)
	}
	if _, err := verify.NewTokenVerifier(f.srv.URL, "depot-documents", nil, c.Now).Verify(ctx, depotTok); err != nil {
		t.Fatalf("Dépôt token on Dépôt: %v", err)
	}
	tampered := loopTok[:len(loopTok)-4] + "AAAA"
	if _, err := tv.Verify(ctx, tampered); !errors.Is(err, verify.ErrUnauthorized) {
		t.Fatalf("tampered token: %v", err)
	}
	if _, err := verify.NewTokenVerifier("http://another.example", "loop-apikey", nil, c.Now).Verify(ctx, loopTok); err == nil {
		t.Fatal("a token of another issuer was accepted")
	}
	c.Add(11 * time.Minute) // past the server's 10 min access token lifetime
	if _, err := tv.Verify(ctx, loopTok); !errors.Is(err, verify.ErrUnauthorized) {
		t.Fatalf("expired token: %v", err)
	}

	// Through the middleware, a bearer token opens the API as the key would.
	mw, err := verify.New(verify.Config{Server: f.srv.URL, Service: "loop-apikey", Tokens: verify.NewTokenVerifier(f.srv.URL, "loop-apikey", nil, nil)})
	if err != nil {
		t.Fatal(err)
	}
	api := httptest.NewServer(mw.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, _ := verify.FromContext(r.Context())
		_, _ = w.Write([]byte(id.Key))
	})))
	defer api.Close()
	for tok, want := range map[string]int{loopTok: http.StatusOK, depotTok: http.StatusForbidden, "garbage": http.StatusUnauthorized} {
		req, _ := http.NewRequest("GET", api.URL, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("bearer %.10s…: %d, want %d", tok, resp.StatusCode, want)
		}
	}
}

func TestNewRefusesBadConfigurations(t *testing.T) {
	for _, cfg := range []verify.Config{
		{Server: "", Service: "loop-apikey"},
		{Server: "ftp://x", Service: "loop-apikey"},
		{Server: "https://sesame.cabinet.fr", Service: ""},
		{Server: "https://sesame.cabinet.fr", Service: "a/b"},
	} {
		if _, err := verify.New(cfg); err == nil {
			t.Errorf("accepted %+v", cfg)
		}
	}
}
