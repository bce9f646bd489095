package httpserver_test

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"sesame/service/httpserver"
)

func TestLoginPageHeadersAndForm(t *testing.T) {
	e := newEnv(t, nil)
	lb := newLoopback(t)
	cfg := e.oauthConfig(lb.srv.URL + "/cb")
	authURL := cfg.AuthCodeURL("s", oauth2.S256ChallengeOption(oauth2.GenerateVerifier()))
	b := newBrowser(t)
	status, h, f := b.open(authURL)
	if status != http.StatusOK || f == nil {
		t.Fatalf("page: %d", status)
	}
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "frame-ancestors 'none'", "form-action 'self' " + lb.srv.URL, "style-src 'nonce-"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	for name, want := range map[string]string{
		"Cache-Control": "no-store", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer",
		"X-Content-Type-Options": "nosniff", "Content-Type": "text/html; charset=utf-8",
	} {
		if got := h.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if !strings.Contains(f.page, `lang="fr"`) || !strings.Contains(f.page, "Mot de passe") || !strings.Contains(f.page, "Identifiant") {
		t.Error("the page is not the French login page")
	}
	if _, ok := f.values["login"]; !ok || f.values.Get("csrf_token") == "" || f.method != "POST" {
		t.Fatalf("form fields: %v", f.values)
	}
	// The cursor starts in the login; after a wrong password, the login is kept and
	// the cursor waits in the password.
	focusLogin, focusPassword := regexp.MustCompile(`id="login"[^>]*autofocus`), regexp.MustCompile(`id="password"[^>]*autofocus`)
	if !focusLogin.MatchString(f.page) || focusPassword.MatchString(f.page) {
		t.Error("the first page does not put the cursor in the login")
	}
	f.values.Set("login", loginA)
	f.values.Set("password", "mauvais mot de passe")
	if _, _, page := b.submit(authURL, f); !focusPassword.MatchString(page) || focusLogin.MatchString(page) || !strings.Contains(page, `value="`+loginA+`"`) {
		t.Error("after a wrong password the cursor is not in the password, next to the login kept")
	}
	resp, _ := http.Get(authURL)
	resp.Body.Close()
	if c := resp.Cookies(); len(c) != 1 || c[0].SameSite != http.SameSiteStrictMode || !c[0].HttpOnly {
		t.Fatalf("CSRF cookie: %+v", c)
	}
}

func TestLoginFormCSRF(t *testing.T) {
	e := newEnv(t, nil)
	lb := newLoopback(t)
	cfg := e.oauthConfig(lb.srv.URL + "/cb")
	verifier := oauth2.GenerateVerifier()
	authURL := cfg.AuthCodeURL("s", oauth2.S256ChallengeOption(verifier))
	_, _, f := newBrowser(t).open(authURL)
	f.values.Set("login", loginA)
	f.values.Set("password", e.passwordA)

	// A forged post from another site: the field copied, but not the victim's cookie.
	if status, _, page := newBrowser(t).submit(authURL, f); status != http.StatusForbidden || strings.Contains(page, "code=") {
		t.Fatalf("post without the cookie: %d", status)
	}
	// The victim's browser, but the form bound to another request (another redirect
	// URI): refused.
	victim := newBrowser(t)
	_, _, f2 := victim.open(authURL)
	f2.values.Set("login", loginA)
	f2.values.Set("password", e.passwordA)
	f2.values.Set("redirect_uri", "http://127.0.0.1:1/attacker")
	if status, _, _ := victim.submit(authURL, f2); status != http.StatusForbidden {
		t.Fatalf("form bound to another request: %d", status)
	}
	select {
	case <-lb.query:
		t.Fatal("a forged form reached the redirect")
	default:
	}
	// The genuine form still works.
	_, _, f3 := victim.open(authURL)
	f3.values.Set("login", loginA)
	f3.values.Set("password", e.passwordA)
	if status, _, _ := victim.submit(authURL, f3); status != http.StatusOK {
		t.Fatalf("genuine form: %d", status)
	}
	if q := <-lb.query; q.Get("code") == "" {
		t.Fatal("no code")
	}
}

func TestLoginRateLimit(t *testing.T) {
	e := newEnv(t, func(c *httpserver.Config) {
		c.IdentifierLimit = httpserver.Limit{Burst: 3, Every: time.Hour}
		c.AddressLimit = httpserver.Limit{Burst: 100, Every: time.Hour}
	})
	lb := newLoopback(t)
	cfg := e.oauthConfig(lb.srv.URL + "/cb")
	authURL := cfg.AuthCodeURL("s", oauth2.S256ChallengeOption(oauth2.GenerateVerifier()))
	b := newBrowser(t)
	try := func(password string) (int, http.Header, string) {
		_, _, f := b.open(authURL)
		f.values.Set("login", loginA)
		f.values.Set("password", password)
		return b.submit(authURL, f)
	}
	for i := range 3 {
		status, _, page := try("mauvais")
		if status != http.StatusOK || !strings.Contains(page, "Identifiant ou mot de passe incorrect.") {
			t.Fatalf("failure %d: %d", i, status)
		}
	}
	// The allowance is spent: even the right password is refused, with Retry-After.
	status, h, page := try(e.passwordA)
	secs, _ := strconv.Atoi(h.Get("Retry-After"))
	if status != http.StatusTooManyRequests || secs < 1 || !strings.Contains(page, "Trop de tentatives") {
		t.Fatalf("after 3 failures: %d, Retry-After %q", status, h.Get("Retry-After"))
	}
	// Another login is not affected.
	_, _, f := b.open(authURL)
	f.values.Set("login", loginB)
	f.values.Set("password", e.passwordB)
	if status, _, _ := b.submit(authURL, f); status != http.StatusOK {
		t.Fatalf("other login: %d", status)
	}
}
