package servertest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"

	"golang.org/x/oauth2"

	"sesame/service/httpserver"
)

// SignIn signs an administrator in to the plain-HTTP server at issuer (a loopback
// sesame-server serve) as the desktop app does,
// with the real x/oauth2 client: authorization code and PKCE, a loopback listener, and
// the scripted browser on the login page. It returns the client's configuration (for
// its token sources) and the tokens.
func SignIn(ctx context.Context, issuer, login, password string) (*oauth2.Config, *oauth2.Token, error) {
	query := make(chan url.Values, 1)
	lb := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case query <- r.URL.Query():
		default:
		}
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Security-Policy", "default-src 'none'")
		_, _ = io.WriteString(w, "Vous pouvez fermer cet onglet.")
	}))
	defer lb.Close()
	cfg := &oauth2.Config{
		ClientID:    httpserver.DesktopClientID,
		RedirectURL: lb.URL + "/callback",
		Endpoint:    oauth2.Endpoint{AuthURL: issuer + "/oauth2/authorize", TokenURL: issuer + "/oauth2/token"},
	}
	verifier, state := oauth2.GenerateVerifier(), oauth2.GenerateVerifier()
	b, err := newBrowser(func() []byte { return nil }) // plain HTTP: no certificate to trust
	if err != nil {
		return nil, nil, err
	}
	if err := b.signIn(cfg.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier)), login, password); err != nil {
		return nil, nil, err
	}
	var q url.Values
	select {
	case q = <-query:
	default:
		return nil, nil, fmt.Errorf("the browser never reached the loopback listener")
	}
	if q.Get("state") != state || q.Get("code") == "" {
		return nil, nil, fmt.Errorf("redirect without the state or the code")
	}
	tok, err := cfg.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier))
	return cfg, tok, err
}

// PlainBrowser returns what the desktop app calls to open the system browser, for a
// plain-HTTP server run apart (sesame-server serve on a loopback address): a user
// agent that signs in as login on the login page and follows the redirect to the
// app's loopback listener.
func PlainBrowser(login, password string) func(authURL string) error {
	return func(authURL string) error {
		b, err := newBrowser(func() []byte { return nil })
		if err != nil {
			return err
		}
		return b.signIn(authURL, login, password)
	}
}
