package remote

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"net/http"

	"golang.org/x/oauth2"

	"sesame/service"
	"sesame/service/msg"
)

// SignInTimeout is how long the app waits for the browser to come back.
const SignInTimeout = service.SignInWait

// Messages of the sign-in.
const (
	MsgSignInCancelled msg.Code = "signin.cancelled"
	MsgSignInTimeout   msg.Code = "signin.timeout"
	MsgSignInRefused   msg.Code = "signin.refused"
	MsgBrowser         msg.Code = "signin.browser"
)

// signInLoopback runs the authorization code flow with PKCE of a native app (RFC
// 8252) through the session's loopback listener: it has open show the authorization
// URL in the system browser, waits for the redirect carrying the code (a request with
// a wrong state gets 400 and the wait goes on), and exchanges the code. It returns
// when the tokens arrive, ctx is cancelled (the user's Cancel) or SignInTimeout
// passes; a later return of that attempt gets a page that says how it ended.
func signInLoopback(ctx context.Context, l *loopback, client *http.Client, cfg oauth2.Config, open func(authURL string) error) (*oauth2.Token, error) {
	cfg.RedirectURL = l.redirectURI()
	a := &attempt{state: randomState(), cfg: cfg, verifier: oauth2.GenerateVerifier(), client: client, done: make(chan attemptResult, 1)}
	authURL := cfg.AuthCodeURL(a.state, oauth2.S256ChallengeOption(a.verifier))
	l.begin(a)

	ctx, cancel := context.WithTimeout(ctx, SignInTimeout)
	defer cancel()
	if err := open(authURL); err != nil {
		l.end(a.state, pageCancelled)
		return nil, service.Errorf(service.EUNAVAILABLE, MsgBrowser, err)
	}
	select {
	case r := <-a.done:
		return r.tok, r.err
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			l.end(a.state, pageExpired)
			return nil, service.Errorf(service.EUNAVAILABLE, MsgSignInTimeout, ctx.Err())
		}
		l.end(a.state, pageCancelled)
		return nil, service.Errorf(service.EUNAUTHORIZED, MsgSignInCancelled, ctx.Err())
	}
}

func randomState() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}
