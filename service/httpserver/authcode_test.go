package httpserver_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"golang.org/x/oauth2"

	"sesame/service/api"
)

// profileStatus calls GET /v1/profile with an access token.
func (e *env) profileStatus(access string) (int, api.Profile) {
	e.t.Helper()
	status, _, body := e.do("GET", "/v1/profile", access, nil)
	var p api.Profile
	if status == http.StatusOK {
		if err := json.Unmarshal(body, &p); err != nil {
			e.t.Fatal(err)
		}
	}
	return status, p
}

func TestAuthorizationCodeWithPKCE(t *testing.T) {
	e := newEnv(t, nil)
	_, tok := e.signIn(loginA, e.passwordA)
	if tok.AccessToken == "" || tok.RefreshToken == "" || tok.TokenType != "Bearer" || tok.Expiry.IsZero() {
		t.Fatalf("token: access %v refresh %v type %q expiry %v", tok.AccessToken != "", tok.RefreshToken != "", tok.TokenType, tok.Expiry)
	}
	status, p := e.profileStatus(tok.AccessToken)
	if status != http.StatusOK || p.Login != loginA || p.AdminName != "DELHUMEAU Vincent" || len(p.Tiers) != 2 ||
		p.Tiers[0].Code != tiersA || p.Tiers[1].Code != tiersAAttached {
		t.Fatalf("profile: %d %+v", status, p)
	}
}

// refresh asks for new tokens with a refresh token, as the desktop app's token
// source does when the access token expires.
func refresh(cfg *oauth2.Config, refreshToken string) (*oauth2.Token, error) {
	return cfg.TokenSource(context.Background(), &oauth2.Token{RefreshToken: refreshToken}).Token()
}

func TestRefreshRotationAndReuseDetection(t *testing.T) {
	e := newEnv(t, nil)
	cfg, t0 := e.signIn(loginA, e.passwordA)
	t1, err := refresh(cfg, t0.RefreshToken)
	if err != nil {
		t.Fatalf("first refresh: %v", err)
	}
	t2, err := refresh(cfg, t1.RefreshToken)
	if err != nil {
		t.Fatalf("second refresh: %v", err)
	}
	if t1.RefreshToken == t0.RefreshToken || t2.RefreshToken == t1.RefreshToken || t2.RefreshToken == t0.RefreshToken {
		t.Fatal("a refresh returned a refresh token already issued: no rotation")
	}
	if st, _ := e.profileStatus(t2.AccessToken); st != http.StatusOK {
		t.Fatalf("refreshed access token refused: %d", st)
	}

	// A thief replays t1's spent refresh token: refused, and the whole session ends.
	_, err = refresh(cfg, t1.RefreshToken)
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || re.ErrorCode != "invalid_grant" {
		t.Fatalf("reuse of a spent refresh token: err = %v, want invalid_grant", err)
	}
	if _, err := refresh(cfg, t2.RefreshToken); !errors.As(err, &re) || re.ErrorCode != "invalid_grant" {
		t.Fatalf("after reuse, the newest refresh token still works: err = %v", err)
	}
	if st, _ := e.profileStatus(t2.AccessToken); st != http.StatusUnauthorized {
		t.Fatalf("after reuse, the session's access token still opens /v1: %d", st)
	}
	// A new sign-in is unaffected.
	_, t3 := e.signIn(loginA, e.passwordA)
	if st, _ := e.profileStatus(t3.AccessToken); st != http.StatusOK {
		t.Fatalf("new session after reuse: %d", st)
	}
}

// authorize runs the login page up to the redirect and returns the code, the
// verifier and the client configuration, without exchanging.
func (e *env) authorize(login, password string) (*oauth2.Config, string, string) {
	e.t.Helper()
	lb := newLoopback(e.t)
	cfg := e.oauthConfig(lb.srv.URL + "/cb")
	verifier := oauth2.GenerateVerifier()
	authURL := cfg.AuthCodeURL("st", oauth2.S256ChallengeOption(verifier))
	b := newBrowser(e.t)
	_, _, f := b.open(authURL)
	f.values.Set("login", login)
	f.values.Set("password", password)
	if status, _, page := b.submit(authURL, f); status != http.StatusOK {
		e.t.Fatalf("login: %d %s", status, page)
	}
	q := <-lb.query
	return cfg, q.Get("code"), verifier
}

func TestAuthorizationCodeSingleUseAndBound(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()

	cfg, code, verifier := e.authorize(loginA, e.passwordA)
	tok, err := cfg.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("Exchange: %v", err)
	}
	// Second exchange: refused, and what the first one issued is revoked.
	var re *oauth2.RetrieveError
	if _, err := cfg.Exchange(ctx, code, oauth2.VerifierOption(verifier)); !errors.As(err, &re) || re.ErrorCode != "invalid_grant" {
		t.Fatalf("second exchange: %v", err)
	}
	if st, _ := e.profileStatus(tok.AccessToken); st != http.StatusUnauthorized {
		t.Fatalf("access token of a replayed code still accepted: %d", st)
	}
	if _, err := refresh(cfg, tok.RefreshToken); !errors.As(err, &re) || re.ErrorCode != "invalid_grant" {
		t.Fatalf("refresh token of a replayed code still works: %v", err)
	}

	// Wrong verifier, wrong redirect URI, no verifier: each refused.
	cfg, code, _ = e.authorize(loginA, e.passwordA)
	if _, err := cfg.Exchange(ctx, code, oauth2.VerifierOption(oauth2.GenerateVerifier())); !errors.As(err, &re) || re.ErrorCode != "invalid_grant" {
		t.Fatalf("wrong verifier: %v", err)
	}
	cfg, code, verifier = e.authorize(loginA, e.passwordA)
	other := *cfg
	other.RedirectURL = strings.Replace(cfg.RedirectURL, "/cb", "/elsewhere", 1)
	if _, err := other.Exchange(ctx, code, oauth2.VerifierOption(verifier)); !errors.As(err, &re) || re.ErrorCode != "invalid_grant" {
		t.Fatalf("other redirect_uri: %v", err)
	}
	cfg, code, _ = e.authorize(loginA, e.passwordA)
	if _, err := cfg.Exchange(ctx, code); !errors.As(err, &re) || re.ErrorCode != "invalid_request" {
		t.Fatalf("no verifier: %v", err)
	}
	// Another client ID.
	cfg, code, verifier = e.authorize(loginA, e.passwordA)
	other = *cfg
	other.ClientID = "another-app"
	if _, err := other.Exchange(ctx, code, oauth2.VerifierOption(verifier)); !errors.As(err, &re) || re.ErrorCode != "invalid_client" {
		t.Fatalf("other client: %v", err)
	}
}

func TestAuthorizeRequestErrors(t *testing.T) {
	e := newEnv(t, nil)
	lb := newLoopback(t)
	good := e.oauthConfig(lb.srv.URL + "/cb")
	verifier := oauth2.GenerateVerifier()
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	// Errors before a trusted redirect URI: shown on the page, never redirected.
	for name, redirect := range map[string]string{
		"https":     "https://127.0.0.1:8000/cb",
		"localhost": "http://localhost:8000/cb",
		"remote":    "http://evil.example:8000/cb",
		"no port":   "http://127.0.0.1/cb",
		"userinfo":  "http://x@127.0.0.1:8000/cb",
	} {
		c := *good
		c.RedirectURL = redirect
		resp, err := noRedirect.Get(c.AuthCodeURL("s", oauth2.S256ChallengeOption(verifier)))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Location") != "" {
			t.Errorf("%s redirect URI: status %d, Location %q", name, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	c := *good
	c.ClientID = "unknown"
	resp, err := noRedirect.Get(c.AuthCodeURL("s", oauth2.S256ChallengeOption(verifier)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Location") != "" {
		t.Errorf("unknown client: status %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	// IPv6 loopback is a valid redirect URI.
	c = *good
	c.RedirectURL = "http://[::1]:49152/cb"
	resp, err = noRedirect.Get(c.AuthCodeURL("s", oauth2.S256ChallengeOption(verifier)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("[::1] redirect URI: status %d", resp.StatusCode)
	}

	// Errors after: back to the client with error and state. Plain PKCE and no PKCE.
	for name, opts := range map[string][]oauth2.AuthCodeOption{
		"plain": {oauth2.SetAuthURLParam("code_challenge", verifier), oauth2.SetAuthURLParam("code_challenge_method", "plain")},
		"none":  nil,
	} {
		resp, err := noRedirect.Get(good.AuthCodeURL("xyz", opts...))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		loc, _ := url.Parse(resp.Header.Get("Location"))
		if resp.StatusCode != http.StatusSeeOther || loc == nil || loc.Query().Get("error") != "invalid_request" ||
			loc.Query().Get("state") != "xyz" || loc.Query().Get("code") != "" {
			t.Errorf("%s PKCE: status %d, Location %q", name, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
}

// A code exchanged twice at the same moment: whatever the order, no token from it
// stays usable (the replay revokes the session even while the first exchange is
// under way).
func TestAuthorizationCodeConcurrentReplay(t *testing.T) {
	e := newEnv(t, nil)
	for range 5 {
		cfg, code, verifier := e.authorize(loginA, e.passwordA)
		toks := make([]*oauth2.Token, 2)
		var wg sync.WaitGroup
		for i := range toks {
			wg.Go(func() { toks[i], _ = cfg.Exchange(context.Background(), code, oauth2.VerifierOption(verifier)) })
		}
		wg.Wait()
		for _, tok := range toks {
			if tok == nil {
				continue
			}
			if st, _ := e.profileStatus(tok.AccessToken); st != http.StatusUnauthorized {
				t.Fatalf("a token of a replayed code still opens /v1: %d", st)
			}
			if _, err := refresh(cfg, tok.RefreshToken); err == nil {
				t.Fatal("a refresh token of a replayed code still works")
			}
		}
	}
}
