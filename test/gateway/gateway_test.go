// Package gateway_test puts a real nginx with auth_request in front of a small
// upstream and asks a real sesame-server (in-process, on a SQLite file) about every
// request, as a firm protecting its APIs would; the keys are made and revoked through
// the desktop's remote Portal. nginx comes from the Debian package that
// scripts/deps test installs.
package gateway_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/httpserver/servertest"
	"sesame/service/keychain"
	"sesame/service/remote"
	"sesame/service/store"
)

// memKeychain keeps the desktop session's refresh token in memory: this test is
// about the gateway, not the OS keychain.
type memKeychain struct {
	mu sync.Mutex
	m  map[string]string
}

func (k *memKeychain) Get(_ context.Context, a string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if v, ok := k.m[a]; ok {
		return v, nil
	}
	return "", keychain.ErrNotFound
}

func (k *memKeychain) Set(_ context.Context, a, s string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.m[a] = s
	return nil
}

func (k *memKeychain) Delete(_ context.Context, a string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.m, a)
	return nil
}

// seen is what the upstream API received.
type seen struct {
	Path, Key, Tiers, Service, Name, APIKey string
}

// TestNginxAuthRequest runs the configuration of docs/gateways/nginx.conf, with its
// two snippets as they are, in a real nginx, reaching the server through its Unix socket (as the configuration recommends on the same host)
// and over TCP (a server on another host).
func TestNginxAuthRequest(t *testing.T) {
	t.Run("unix socket", func(t *testing.T) { testNginxAuthRequest(t, true) })
	t.Run("tcp", func(t *testing.T) { testNginxAuthRequest(t, false) })
}

func testNginxAuthRequest(t *testing.T, viaUnix bool) {
	ctx := context.Background()
	srv := servertest.Start(t, nil)
	upstream := strings.TrimPrefix(srv.URL, "http://")
	if viaUnix {
		upstream = "unix:" + srv.ServeUnix(t)
	}
	var hits atomic.Int64
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		name, _ := url.PathUnescape(r.Header.Get("X-Sesame-Key-Name"))
		_ = json.NewEncoder(w).Encode(seen{Path: r.URL.Path, Key: r.Header.Get("X-Sesame-Key"),
			Tiers: r.Header.Get("X-Sesame-Tiers"), Service: r.Header.Get("X-Sesame-Service"), Name: name,
			APIKey: r.Header.Get("x-apikey")})
	}))
	t.Cleanup(app.Close)
	ngx := startNginx(t, upstream, strings.TrimPrefix(app.URL, "http://"))

	// The administrator signs in with the desktop's remote Portal and makes two keys.
	sess, err := remote.NewSession(ctx, srv.URL, &memKeychain{m: map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.SignIn(ctx, srv.Browser(servertest.Login, srv.Password)); err != nil {
		t.Fatalf("SignIn: %v", err)
	}
	p := sess.Portal()
	gen := func(svc, name string) service.GeneratedKey {
		g, err := p.Generate(ctx, service.GenerateRequest{Tiers: servertest.Tiers, Service: svc, Name: name})
		if err != nil {
			t.Fatalf("Generate %s: %v", svc, err)
		}
		return g
	}
	loop, depot := gen("loop-apikey", "Intégration Loop"), gen("depot-documents", "Dépôt pièces")
	apikey := func(g service.GeneratedKey) string { return g.Credentials.Identifier + ":" + g.Credentials.Secret }
	expired := service.Key{ID: "7777-7777-7777-7777", Tiers: servertest.Tiers, Service: "loop-apikey", Name: "Ancienne",
		CreatedAt: time.Now().Add(-time.Hour), CreatedBy: "test", Status: service.StatusActive, SecretHint: "ssk_…",
		ExpiresAt: time.Now().Add(-time.Minute)}
	if err := srv.Store.InsertKey(ctx, store.KeyRecord{Key: expired, Digest: service.SecretDigest("ssk_old")},
		service.AuditEvent{At: expired.CreatedAt, Actor: "test", Login: "test", Action: service.AuditGenerate,
			KeyID: expired.ID, KeyName: expired.Name, Tiers: expired.Tiers, Service: expired.Service}); err != nil {
		t.Fatal(err)
	}

	// A usable key of the location's service reaches the upstream, which learns whose
	// key it is (whatever the caller claimed) and never sees the secret.
	for _, tc := range []struct {
		path string
		key  service.GeneratedKey
		svc  string
	}{{"/loop/clients/42", loop, "loop-apikey"}, {"/depot/pieces", depot, "depot-documents"}} {
		spoof := http.Header{"X-Sesame-Tiers": {"99999"}, "X-Sesame-Key": {"AAAA-AAAA-AAAA-AAAA"}}
		status, body := ngx.getWith(t, tc.path, spoof, apikey(tc.key))
		var s seen
		if status != http.StatusOK || json.Unmarshal([]byte(body), &s) != nil {
			t.Fatalf("%s: %d %s", tc.path, status, body)
		}
		want := seen{Path: tc.path, Key: tc.key.Credentials.Identifier, Tiers: servertest.Tiers, Service: tc.svc, Name: tc.key.Key.Name}
		if s != want {
			t.Fatalf("%s: upstream saw %+v, want %+v", tc.path, s, want)
		}
	}

	before := hits.Load()
	for _, tc := range []struct {
		name, path string
		keys       []string
		want       int
	}{
		{"no key", "/loop/a", nil, http.StatusUnauthorized},
		{"unknown key", "/loop/a", []string{"ZZZZ-ZZZZ-ZZZZ-ZZZZ:" + loop.Credentials.Secret}, http.StatusUnauthorized},
		{"wrong secret", "/loop/a", []string{loop.Credentials.Identifier + ":" + depot.Credentials.Secret}, http.StatusUnauthorized},
		{"expired key", "/loop/a", []string{expired.ID + ":ssk_old"}, http.StatusUnauthorized},
		{"longer than any key", "/loop/a", []string{apikey(loop) + strings.Repeat("x", 300)}, http.StatusUnauthorized},
		// nginx sends Sésame one x-apikey (the first up to 1.22, all joined from 1.23, then
		// refused as malformed): a valid second one never lets a wrong first one through.
		{"two x-apikey headers, the first wrong", "/loop/a", []string{loop.Credentials.Identifier + ":" + depot.Credentials.Secret, apikey(loop)}, http.StatusUnauthorized},
		{"Dépôt key on Loop", "/loop/a", []string{apikey(depot)}, http.StatusForbidden},
		{"Loop key on Dépôt", "/depot/a", []string{apikey(loop)}, http.StatusForbidden},
		{"location without a service", "/oubli/factures?x=1", []string{apikey(loop)}, http.StatusInternalServerError},
	} {
		if status, body := ngx.get(t, tc.path, tc.keys...); status != tc.want {
			t.Errorf("%s: nginx answered %d, want %d: %s", tc.name, status, tc.want, body)
		}
	}
	if !strings.Contains(srv.Logs.String(), "location=/oubli/factures") {
		t.Errorf("the server log does not name the misconfigured location:\n%s", srv.Logs)
	}

	// Revoked in the desktop app, refused by nginx at the next request.
	if _, err := p.Revoke(ctx, loop.Credentials.Identifier); err != nil {
		t.Fatalf("Revoke: %v", err)
	}
	if status, _ := ngx.get(t, "/loop/a", apikey(loop)); status != http.StatusUnauthorized {
		t.Errorf("revoked key: nginx answered %d, want 401", status)
	}
	if n := hits.Load(); n != before {
		t.Errorf("the upstream was reached %d times by refused requests", n-before)
	}

	// The server down: nginx fails closed.
	srv.Stop()
	if status, _ := ngx.get(t, "/depot/pieces", apikey(depot)); status != http.StatusInternalServerError {
		t.Errorf("server unreachable: nginx answered %d, want 500", status)
	}
	if n := hits.Load(); n != before {
		t.Error("a request reached the upstream while the server was down")
	}
	for _, secret := range []string{loop.Credentials.Secret, depot.Credentials.Secret} {
		if strings.Contains(srv.Logs.String(), secret) || strings.Contains(ngx.errorLog(), secret) {
			t.Error("a secret reached a log")
		}
	}
}
