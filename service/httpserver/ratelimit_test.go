package httpserver_test

import (
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"sesame/service/httpserver"
)

// Addresses of the rate-limit tests, given to the server by a trusted proxy (the
// test's own connection, from 127.0.0.1) in X-Forwarded-For.
const (
	addrAttacker = "203.0.113.66"
	addrOwner    = "198.51.100.10"
	addrGateway  = "192.0.2.80"
)

// behindProxy trusts the loopback as a proxy, uses the default allowances (5 failures
// then one a minute per identifier and address; 30 then one every 10 s per address)
// and a clock that moves only when the test says so.
func behindProxy(clk *fakeClock) func(*httpserver.Config) {
	return func(c *httpserver.Config) {
		c.TrustedProxies = httpserver.TrustedProxies{netip.MustParsePrefix("127.0.0.0/8")}
		c.Now = clk.Now
	}
}

// verifyFrom posts x-apikey to /v1/verify as if from addr.
func (e *env) verifyFrom(addr, identifier, secret string) (int, http.Header) {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.url("/v1/verify"), nil)
	req.Header.Set("x-apikey", identifier+":"+secret)
	req.Header.Set("X-Forwarded-For", addr)
	status, h, _ := e.send(req)
	return status, h
}

// clientCredentialsFrom asks /oauth2/token for a client_credentials token as if from addr.
func (e *env) clientCredentialsFrom(addr, identifier, secret string) int {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.url("/oauth2/token"), strings.NewReader("grant_type=client_credentials"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", addr)
	req.SetBasicAuth(url.QueryEscape(identifier), url.QueryEscape(secret))
	status, _, _ := e.send(req)
	return status
}

// Case 1: wrong secrets for a key, from one address, never refuse its right secret,
// from another address or from that one, on /v1/verify or the token endpoint.
func TestWrongSecretsNeverLockOutTheKey(t *testing.T) {
	clk := newFakeClock()
	onBothStores(t, behindProxy(clk), func(t *testing.T, e *env) {
		const id, right = "0000-0000-0000-0001", "ssk_right"
		e.insertKey(id, tiersA, right)
		for i := range 20 {
			status, h := e.verifyFrom(addrAttacker, id, "ssk_wrong")
			want := http.StatusUnauthorized
			if i >= 5 {
				want = http.StatusTooManyRequests // the attacker's own failures are slowed down
			}
			if status != want || (want == http.StatusTooManyRequests && h.Get("Retry-After") == "") {
				t.Fatalf("wrong secret %d: %d (want %d), Retry-After %q", i, status, want, h.Get("Retry-After"))
			}
		}
		if st := e.clientCredentialsFrom(addrAttacker, id, "ssk_wrong"); st != http.StatusTooManyRequests {
			t.Fatalf("token endpoint, wrong secret from the attacker: %d", st)
		}
		for _, from := range []string{addrOwner, addrAttacker} {
			if st, _ := e.verifyFrom(from, id, right); st != http.StatusOK {
				t.Fatalf("right secret from %s after 20 wrong ones: %d", from, st)
			}
			if st := e.clientCredentialsFrom(from, id, right); st != http.StatusOK {
				t.Fatalf("client_credentials with the right secret from %s: %d", from, st)
			}
		}
		// One bad try a minute for an hour freezes nothing either.
		for range 60 {
			clk.Advance(time.Minute)
			e.verifyFrom(addrAttacker, id, "ssk_wrong")
			if st, _ := e.verifyFrom(addrOwner, id, right); st != http.StatusOK {
				t.Fatalf("right secret while the attacker tries once a minute: %d", st)
			}
		}
		// The owner's own mistake is still heard as one (401, not 429).
		if st, _ := e.verifyFrom(addrOwner, id, "ssk_typo"); st != http.StatusUnauthorized {
			t.Fatalf("owner's wrong secret: %d", st)
		}
		logs := e.logs.String()
		if !strings.Contains(logs, "throttled") || !strings.Contains(logs, "addr="+addrAttacker) ||
			!strings.Contains(logs, "scope=identifier+address") {
			t.Fatalf("no log line for the throttling decisions:\n%s", logs)
		}
		for _, secret := range []string{"ssk_wrong", right, "ssk_typo"} {
			if strings.Contains(logs, secret) {
				t.Fatalf("a secret reached the log")
			}
		}
	})
}

// Case 2: made-up identifiers from one address (a gateway in front of many clients)
// never refuse a valid key from that address.
func TestGuessesThroughAGatewayNeverRefuseValidKeys(t *testing.T) {
	clk := newFakeClock()
	onBothStores(t, behindProxy(clk), func(t *testing.T, e *env) {
		const id, right = "0000-0000-0000-0001", "ssk_right"
		e.insertKey(id, tiersA, right)
		for i := range 40 {
			status, _ := e.verifyFrom(addrGateway, "0000-0000-1000-"+strconv.Itoa(1000+i), "ssk_guess")
			want := http.StatusUnauthorized
			if i >= 30 {
				want = http.StatusTooManyRequests
			}
			if status != want {
				t.Fatalf("guess %d: %d, want %d", i, status, want)
			}
		}
		if st, _ := e.verifyFrom(addrGateway, id, right); st != http.StatusOK {
			t.Fatalf("valid key through the gateway after 40 guesses: %d", st)
		}
		if st := e.clientCredentialsFrom(addrGateway, id, right); st != http.StatusOK {
			t.Fatalf("client_credentials through the gateway after 40 guesses: %d", st)
		}
		// The failing address slows only itself.
		if st, _ := e.verifyFrom(addrOwner, "0000-0000-1000-0999", "ssk_guess"); st != http.StatusUnauthorized {
			t.Fatalf("a guess from another address: %d, want 401", st)
		}
		if !strings.Contains(e.logs.String(), "scope=address") {
			t.Fatalf("no log line for the address's throttling:\n%s", e.logs.String())
		}
	})
}

// loginFrom submits the login form with login and password as if from addr and
// returns the final status and page.
func (e *env) loginFrom(addr, login, password string) (int, string) {
	e.t.Helper()
	b := newBrowser(e.t)
	b.client.Transport = forwardedFor{addr: addr}
	lb := newLoopback(e.t)
	authURL := e.oauthConfig(lb.srv.URL+"/cb").AuthCodeURL("s", oauth2.S256ChallengeOption(oauth2.GenerateVerifier()))
	_, _, f := b.open(authURL)
	f.values.Set("login", login)
	f.values.Set("password", password)
	status, _, page := b.submit(authURL, f)
	return status, page
}

// forwardedFor is a transport that says, as a proxy would, whom it relays for.
type forwardedFor struct{ addr string }

func (f forwardedFor) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("X-Forwarded-For", f.addr)
	return http.DefaultTransport.RoundTrip(r)
}

// Case 3: wrong passwords for a login from one address never refuse the right
// password from another; they slow down the address that sent them.
func TestWrongPasswordsNeverLockOutTheAdministrator(t *testing.T) {
	clk := newFakeClock()
	onBothStores(t, behindProxy(clk), func(t *testing.T, e *env) {
		for i := range 5 {
			if st, page := e.loginFrom(addrAttacker, loginA, "mauvais"); st != http.StatusOK || !strings.Contains(page, "Identifiant ou mot de passe incorrect.") {
				t.Fatalf("wrong password %d: %d", i, st)
			}
		}
		// The attacker's address is slowed down, for that login, even with the right password.
		if st, page := e.loginFrom(addrAttacker, loginA, e.passwordA); st != http.StatusTooManyRequests || !strings.Contains(page, "Trop de tentatives") {
			t.Fatalf("sixth try from the attacker: %d", st)
		}
		// The administrator, from elsewhere, signs in.
		if st, page := e.loginFrom(addrOwner, loginA, e.passwordA); st != http.StatusOK || !strings.Contains(page, "Vous pouvez fermer cet onglet") {
			t.Fatalf("right password from another address after 5 wrong ones: %d", st)
		}
		// Spraying many logins from one address spends that address's allowance only.
		for i := range 29 {
			e.loginFrom(addrGateway, "inconnu"+strconv.Itoa(i), "mauvais")
		}
		if st, _ := e.loginFrom(addrGateway, loginB, "mauvais"); st != http.StatusOK {
			t.Fatalf("30th failure from one address: %d", st)
		}
		if st, _ := e.loginFrom(addrGateway, loginB, e.passwordB); st != http.StatusTooManyRequests {
			t.Fatalf("after 30 failures from one address: %d, want 429", st)
		}
		if st, _ := e.loginFrom(addrOwner, loginB, e.passwordB); st != http.StatusOK {
			t.Fatalf("another address after the spray: %d", st)
		}
		logs := e.logs.String()
		if !strings.Contains(logs, "login throttled") || strings.Contains(logs, "mauvais") || strings.Contains(logs, e.passwordA) {
			t.Fatalf("throttling not logged, or a password logged:\n%s", logs)
		}
	})
}

// Without --trusted-proxy, X-Forwarded-For and Forwarded are the client's own words:
// changing them at every try does not escape the count of the connection's address.
func TestForwardingHeadersIgnoredWithoutTrustedProxy(t *testing.T) {
	clk := newFakeClock()
	e := newEnv(t, func(c *httpserver.Config) { c.Now = clk.Now })
	try := func(i int) int {
		req, _ := http.NewRequest("POST", e.url("/v1/verify"), nil)
		req.Header.Set("x-apikey", "0000-0000-2000-"+strconv.Itoa(1000+i)+":ssk_guess")
		req.Header.Set("X-Forwarded-For", "203.0.113."+strconv.Itoa(i))
		req.Header.Set("Forwarded", "for=198.51.100."+strconv.Itoa(i))
		status, _, _ := e.send(req)
		return status
	}
	for i := range 30 {
		if st := try(i); st != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d", i, st)
		}
	}
	if st := try(30); st != http.StatusTooManyRequests {
		t.Fatalf("31st guess with a new X-Forwarded-For: %d, want 429", st)
	}
	if logs := e.logs.String(); !strings.Contains(logs, "addr=127.0.0.1") || strings.Contains(logs, "addr=203.0.113.") {
		t.Fatalf("the log names an address the client wrote itself:\n%s", logs)
	}
}
