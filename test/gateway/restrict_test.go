package gateway_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/httpserver/servertest"
	"sesame/service/local"
)

// restrictedKey generates a Loop key with restrictions in the deployed server's
// store and returns its x-apikey value.
func (d *deployed) restrictedKey(t *testing.T, name string, r service.RestrictionsInput) string {
	t.Helper()
	g, err := local.New(d.srv.Store, servertest.Login).Generate(context.Background(),
		service.GenerateRequest{Tiers: servertest.Tiers, Service: "loop-apikey", Name: name, Restrictions: r})
	if err != nil {
		t.Fatal(err)
	}
	return g.Credentials.Identifier + ":" + g.Credentials.Secret
}

// send sends method to path through nginx with an x-apikey and extra headers.
func (d *deployed) send(t *testing.T, method, path, apikey string, extra http.Header) (int, http.Header, string) {
	t.Helper()
	req, _ := http.NewRequest(method, d.ngx.URL+path, nil)
	for k, vs := range extra {
		req.Header[k] = vs
	}
	req.Header.Set("x-apikey", apikey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s through nginx: %v", method, path, err)
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
	return resp.StatusCode, resp.Header, b.String()
}

// TestNginxRestrictions: each restriction of a key, through the documented nginx
// in front of the deployed Sésame. The client's address is the one nginx saw
// (127.0.0.1), whatever X-Forwarded-For the client forges; a read-only key passes
// GET and HEAD and is refused POST and DELETE; the rate limit answers 429 with
// Retry-After. Each refusal names its rule in X-Sesame-Refusal and nothing of the
// key's settings reaches the client; the refusals are counted with the address.
func TestNginxRestrictions(t *testing.T) {
	d := deploy(t)
	forged := http.Header{"X-Forwarded-For": {"192.0.2.10"}}
	elsewhere := d.restrictedKey(t, "Ailleurs", service.RestrictionsInput{Addresses: []string{"192.0.2.0/24"}})
	here := d.restrictedKey(t, "Ici", service.RestrictionsInput{Addresses: []string{"127.0.0.0/8", "::1"}})
	readOnly := d.restrictedKey(t, "Lecture seule", service.RestrictionsInput{ReadOnly: true})
	slow := d.restrictedKey(t, "Lente", service.RestrictionsInput{RatePerMinute: 1, Burst: 2})

	refused := func(what string, status int, h http.Header, body string, want int, reason string) {
		t.Helper()
		if status != want || h.Get("X-Sesame-Refusal") != reason {
			t.Errorf("%s: %d X-Sesame-Refusal=%q, want %d %s (%s)", what, status, h.Get("X-Sesame-Refusal"), want, reason, body)
		}
		if strings.Contains(body, "192.0.2") || strings.Contains(body, "127.0.0.0") || strings.Contains(body, "upstream:") {
			t.Errorf("%s: the answer reveals the key's settings or the upstream: %s", what, body)
		}
	}
	status, h, body := d.send(t, "GET", "/loop/clients", elsewhere, forged)
	refused("key of 192.0.2.0/24 from 127.0.0.1 with a forged X-Forwarded-For", status, h, body, http.StatusForbidden, "address_not_allowed")
	if status, _, body := d.send(t, "GET", "/loop/clients", here, nil); status != http.StatusOK || !strings.HasPrefix(body, "upstream:") {
		t.Errorf("key of 127.0.0.0/8 from 127.0.0.1: %d %s", status, body)
	}

	for _, m := range []string{"GET", "HEAD"} {
		if status, _, body := d.send(t, m, "/loop/clients", readOnly, nil); status != http.StatusOK {
			t.Errorf("read-only key, %s: %d %s", m, status, body)
		}
	}
	for _, m := range []string{"POST", "DELETE"} {
		status, h, body := d.send(t, m, "/loop/clients", readOnly, nil)
		refused("read-only key, "+m, status, h, body, http.StatusForbidden, "read_only")
	}
	// A client naming GET itself in the method headers changes nothing: nginx sets them.
	forgedGET := http.Header{"X-Original-Method": {"GET"}, "X-Forwarded-Method": {"GET"}}
	status, h, body = d.send(t, "POST", "/loop/clients", readOnly, forgedGET)
	refused("read-only key, POST with forged method headers", status, h, body, http.StatusForbidden, "read_only")

	for i := range 2 {
		if status, _, body := d.send(t, "GET", "/loop/clients", slow, nil); status != http.StatusOK {
			t.Fatalf("rate-limited key, request %d of its burst: %d %s", i+1, status, body)
		}
	}
	status, h, body = d.send(t, "GET", "/loop/clients", slow, nil)
	refused("rate-limited key beyond its burst", status, h, body, http.StatusTooManyRequests, "rate_limited")
	if ra := h.Get("Retry-After"); ra == "" || ra == "0" {
		t.Errorf("429 without a Retry-After: %v", h)
	}

	// A key of another service is still a plain 403, without a refusal code.
	if status, h, _ := d.send(t, "GET", "/depot/x", here, nil); status != http.StatusForbidden || h.Get("X-Sesame-Refusal") != "" {
		t.Errorf("key of another service: %d %v", status, h)
	}

	d.srv.Stop() // writes the refusals
	id, _, _ := strings.Cut(elsewhere, ":")
	r, err := d.srv.Store.KeyRefusals(context.Background(), id, service.DayOf(time.Now()))
	if err != nil || r.Today != 1 || r.LastFrom != "127.0.0.1" {
		t.Errorf("refusals of the address-restricted key: %+v, %v; want 1 from 127.0.0.1", r, err)
	}
}
