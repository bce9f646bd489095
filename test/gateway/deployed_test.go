package gateway_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/httpserver/servertest"
	"sesame/service/local"
)

// deployed is Sésame as docs/deploy/sesame-server.service runs it beside nginx (its
// Unix socket, 127.0.0.1 as trusted proxy), behind the documented nginx, with an
// upstream API and one key of the Loop service.
type deployed struct {
	srv    *servertest.Env
	ngx    *nginx
	key    service.GeneratedKey
	apikey string // IDENTIFIANT:secret
}

func deploy(t *testing.T) *deployed {
	t.Helper()
	trusted, err := httpserver.ParseTrustedProxies("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	srv := servertest.Start(t, func(c *httpserver.Config) { c.TrustedProxies = trusted })
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = fmt.Fprint(w, "upstream:", r.Header.Get("X-Sesame-Key"))
	}))
	t.Cleanup(app.Close)
	ngx := startNginx(t, "unix:"+srv.ServeUnix(t), strings.TrimPrefix(app.URL, "http://"))
	g, err := local.New(srv.Store, servertest.Login).Generate(context.Background(),
		service.GenerateRequest{Tiers: servertest.Tiers, Service: "loop-apikey", Name: "Passerelle"})
	if err != nil {
		t.Fatal(err)
	}
	return &deployed{srv: srv, ngx: ngx, key: g, apikey: g.Credentials.Identifier + ":" + g.Credentials.Secret}
}

// TestNginxLargeHeaders sends requests whose headers total about 20 kB (four of
// 5 kB: nginx takes up to 4 × 8 kB): the sub-request carries only what Sésame needs,
// so a valid key reaches the upstream and a wrong one gets 401, never a 500.
func TestNginxLargeHeaders(t *testing.T) {
	d := deploy(t)
	big := http.Header{}
	for i := range 4 {
		big.Set(fmt.Sprintf("X-Big-%d", i), strings.Repeat("b", 5000))
	}
	if status, _, body := d.ngx.request(t, "/loop/clients", big, d.apikey); status != http.StatusOK || body != "upstream:"+d.key.Key.ID {
		t.Errorf("valid key with 20 kB of headers: %d %q, want 200 from the upstream", status, body)
	}
	if status, h, body := d.ngx.request(t, "/loop/clients", big, d.key.Credentials.Identifier+":ssk_wrong"); status != http.StatusUnauthorized ||
		len(h.Values("WWW-Authenticate")) != 1 || h.Get("Retry-After") != "" {
		t.Errorf("wrong key with 20 kB of headers: %d %v, want 401 with one WWW-Authenticate and no Retry-After: %s", status, h, body)
	}
	if logs := d.srv.Logs.String(); strings.Contains(logs, "head too large") {
		t.Errorf("Sésame refused nginx's sub-request head:\n%s", logs)
	}
}

// TestNginxForgedForwardedFor: a client that writes its own X-Forwarded-For is not
// believed. Sésame trusts nginx (127.0.0.1), and nginx tells it the real client's
// address (here 127.0.0.1): a valid key's last use is recorded from there, and 35
// wrong keys, each with another forged address, are throttled (429 with
// Retry-After) as coming from the one real address.
func TestNginxForgedForwardedFor(t *testing.T) {
	d := deploy(t)
	forged := http.Header{"X-Forwarded-For": {"203.0.113.77"}, "X-Real-Ip": {"203.0.113.77"}, "Forwarded": {"for=203.0.113.77"}}
	if status, _, body := d.ngx.request(t, "/loop/clients", forged, d.apikey); status != http.StatusOK {
		t.Fatalf("valid key: %d %s", status, body)
	}

	var statuses []int
	var retryAfter string
	for i := range 35 {
		h := http.Header{"X-Forwarded-For": {fmt.Sprintf("198.51.100.%d", i+1)}}
		status, answer, _ := d.ngx.request(t, "/loop/clients", h, fmt.Sprintf("ZZZZ-ZZZZ-ZZZZ-%04d:ssk_wrong", i))
		statuses = append(statuses, status)
		retryAfter = answer.Get("Retry-After")
	}
	throttled := 0
	for _, s := range statuses {
		if s == http.StatusTooManyRequests {
			throttled++
		}
	}
	if statuses[0] != http.StatusUnauthorized || statuses[34] != http.StatusTooManyRequests || throttled < 5 || retryAfter == "" {
		t.Errorf("35 wrong keys with forged addresses: statuses %v, last Retry-After %q; want 401 first, then throttled (429 with Retry-After)",
			statuses, retryAfter)
	}
	if status, _, _ := d.ngx.request(t, "/loop/clients", forged, d.apikey); status != http.StatusOK {
		t.Errorf("valid key after the throttled failures: %d, want 200 (a right secret is always accepted)", status)
	}

	d.srv.Stop() // writes the last uses
	k, err := d.srv.Store.KeyByID(context.Background(), d.key.Key.ID)
	if err != nil {
		t.Fatal(err)
	}
	if k.LastUsedFrom != "127.0.0.1" {
		t.Errorf("last use recorded from %q, want the real client 127.0.0.1 (not the forged 203.0.113.77)", k.LastUsedFrom)
	}
	if logs := d.srv.Logs.String(); strings.Contains(logs, "203.0.113.77") || strings.Contains(logs, "198.51.100.") {
		t.Errorf("Sésame's log names a forged address:\n%s", logs)
	}
}
