package httpserver_test

import (
	"context"
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/local"
)

// restrictedEnv is a server on clock that trusts the test's own address to name the
// client (X-Forwarded-For), as it would trust nginx, and a Portal on its store.
func restrictedEnv(t *testing.T, open func(testing.TB, func(*httpserver.Config)) *env, clock *fakeClock) (*env, *local.Portal) {
	tweak := func(c *httpserver.Config) {
		clockConfig(clock)(c)
		c.TrustedProxies = httpserver.TrustedProxies{netip.MustParsePrefix("127.0.0.0/8")}
	}
	e := open(t, tweak)
	return e, local.New(e.st, loginA).WithClock(clock.Now)
}

// restricted generates a key with restrictions and returns its credentials.
func restricted(t *testing.T, p *local.Portal, name string, r service.RestrictionsInput) service.Credentials {
	t.Helper()
	g, err := p.Generate(context.Background(), service.GenerateRequest{Tiers: tiersA, Service: serviceLoop, Name: name, Restrictions: r})
	if err != nil {
		t.Fatalf("Generate(%s): %v", name, err)
	}
	return g.Credentials
}

// check asks /v1/verify (POST) or /v1/gateway (GET) about a key for a request of
// client from with method (empty: not said).
func (e *env) check(gateway bool, c service.Credentials, from, method string) (int, http.Header, string) {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.url("/v1/verify"), nil)
	if gateway {
		req, _ = http.NewRequest("GET", e.url("/v1/gateway"), nil)
		req.Header.Set(httpserver.HeaderService, serviceLoop)
	}
	req.Header.Set("x-apikey", c.Identifier+":"+c.Secret)
	req.Header.Set("X-Forwarded-For", from)
	if method != "" {
		req.Header.Set("X-Original-Method", method)
	}
	status, h, body := e.send(req)
	return status, h, string(body)
}

// Each restriction refused on POST /v1/verify and /v1/gateway with its code in the
// problem and X-Sesame-Refusal, never the key's settings; the rate limit answers 429
// with Retry-After on verify and 401 with Retry-After on the gateway (which the
// documented nginx turns into 429); the refusals are counted in the key's details
// with the last refused address. On SQLite and PostgreSQL.
func TestRestrictionsEnforced(t *testing.T) {
	for name, open := range map[string]func(testing.TB, func(*httpserver.Config)) *env{"sqlite": newEnv, "postgres": newPostgresEnv} {
		t.Run(name, func(t *testing.T) {
			start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
			clock := &fakeClock{now: start}
			e, p := restrictedEnv(t, open, clock)
			addr := restricted(t, p, "Adresses", service.RestrictionsInput{Addresses: []string{"192.0.2.0/24", "2001:db8::/32"}})
			ro := restricted(t, p, "Lecture", service.RestrictionsInput{ReadOnly: true})
			rate := restricted(t, p, "Débit", service.RestrictionsInput{RatePerMinute: 60, Burst: 3})
			refusedWith := func(what string, status int, h http.Header, body string, wantStatus int, reason string) {
				t.Helper()
				if status != wantStatus || h.Get(httpserver.HeaderRefusal) != reason ||
					(wantStatus != http.StatusUnauthorized && !strings.Contains(body, `"reason":"`+reason+`"`)) {
					t.Fatalf("%s: %d %s=%q %s; want %d %s", what, status, httpserver.HeaderRefusal, h.Get(httpserver.HeaderRefusal), body, wantStatus, reason)
				}
				for _, secret := range []string{"192.0.2", "2001:db8", "60", "Lecture"} {
					if strings.Contains(body, secret) {
						t.Fatalf("%s: the refusal reveals %q: %s", what, secret, body)
					}
				}
			}
			for _, gw := range []bool{false, true} {
				ok := http.StatusOK
				if gw {
					ok = http.StatusNoContent
				}
				if st, _, body := e.check(gw, addr, "192.0.2.77", "POST"); st != ok {
					t.Fatalf("gateway=%v, allowed address: %d %s", gw, st, body)
				}
				if st, _, body := e.check(gw, addr, "2001:db8:1::5", ""); st != ok {
					t.Fatalf("gateway=%v, allowed IPv6 address: %d %s", gw, st, body)
				}
				st, h, body := e.check(gw, addr, "198.51.100.7", "GET")
				refusedWith("address outside", st, h, body, http.StatusForbidden, "address_not_allowed")

				for _, m := range []string{"GET", "HEAD", "OPTIONS"} {
					if st, _, body := e.check(gw, ro, "198.51.100.7", m); st != ok {
						t.Fatalf("gateway=%v, read-only key with %s: %d %s", gw, m, st, body)
					}
				}
				st, h, body = e.check(gw, ro, "198.51.100.7", "DELETE")
				refusedWith("read-only key with DELETE", st, h, body, http.StatusForbidden, "read_only")
			}
			// POST /v1/verify that does not say the method: a read-only key is refused;
			// the gateway endpoint takes its own method (Envoy keeps the original).
			st, h, body := e.check(false, ro, "192.0.2.1", "")
			refusedWith("verify without the method", st, h, body, http.StatusForbidden, "read_only")
			if st, _, body := e.check(true, ro, "192.0.2.1", ""); st != http.StatusNoContent {
				t.Fatalf("gateway GET of a read-only key without X-Original-Method: %d %s", st, body)
			}

			// 60 a minute, 3 at once: the fourth within the second is refused.
			for i := range 3 {
				if st, _, body := e.check(i%2 == 1, rate, "192.0.2.1", "POST"); st/100 != 2 {
					t.Fatalf("request %d within the burst: %d %s", i+1, st, body)
				}
			}
			st, h, body = e.check(false, rate, "192.0.2.1", "POST")
			refusedWith("verify beyond the burst", st, h, body, http.StatusTooManyRequests, "rate_limited")
			if h.Get("Retry-After") != "1" {
				t.Fatalf("Retry-After %q, want 1 (one request a second)", h.Get("Retry-After"))
			}
			st, h, body = e.check(true, rate, "192.0.2.1", "POST")
			refusedWith("gateway beyond the burst", st, h, body, http.StatusUnauthorized, "rate_limited")
			if h.Get("Retry-After") != "1" {
				t.Fatalf("gateway Retry-After %q, want 1", h.Get("Retry-After"))
			}
			clock.Advance(time.Second)
			if st, _, body := e.check(false, rate, "192.0.2.1", "POST"); st != http.StatusOK {
				t.Fatalf("a second later: %d %s", st, body)
			}

			d := detailsAfterRestart(t, e, clock, p, addr.Identifier)
			if d.Refusals.Today != 2 || d.Refusals.Total != 2 || d.Refusals.LastFrom != "198.51.100.7" || !d.Refusals.LastAt.Equal(start) {
				t.Fatalf("refusals of the address-restricted key: %+v", d.Refusals)
			}
			if last := d.Uses[len(d.Uses)-1].Uses; last != 4 {
				t.Fatalf("its uses today: %d, want the 4 accepted checks", last)
			}
			if d, _ := p.KeyDetails(context.Background(), rate.Identifier); d.Refusals.Today != 2 {
				t.Fatalf("refusals of the rate-limited key: %+v", d.Refusals)
			}
		})
	}
}
