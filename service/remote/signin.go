package remote

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"golang.org/x/oauth2"

	"sesame/service"
)

// SignInTimeout is how long the app waits for the browser to come back.
const SignInTimeout = 5 * time.Minute

// Messages of the sign-in.
const (
	MsgSignInCancelled = "La connexion a été annulée."
	MsgSignInTimeout   = "La connexion n'a pas abouti dans les 5 minutes. Recommencez."
	MsgSignInRefused   = "Le serveur du cabinet a refusé la connexion."
	MsgBrowser         = "Le navigateur n'a pas pu être ouvert."
)

// SignInLoopback runs the authorization code flow with PKCE of a native app (RFC 8252):
// it listens on 127.0.0.1 on a random port, has open show the authorization URL in the
// system browser, waits for the redirect carrying the code (a request with a wrong
// state gets 400 and the wait goes on), and exchanges the code. It returns when the
// tokens arrive, ctx is cancelled (the user's Cancel) or SignInTimeout passes.
func SignInLoopback(ctx context.Context, cfg oauth2.Config, open func(authURL string) error) (*oauth2.Token, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, service.Errorf(service.EINTERNAL, service.MsgUnexpected, fmt.Errorf("loopback listener: %w", err))
	}
	defer ln.Close()
	cfg.RedirectURL = fmt.Sprintf("http://%s/callback", ln.Addr())
	verifier := oauth2.GenerateVerifier()
	state := randomState()
	authURL := cfg.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier))

	ctx, cancel := context.WithTimeout(ctx, SignInTimeout)
	defer cancel()
	type result struct {
		tok *oauth2.Token
		err error
	}
	done := make(chan result, 1)
	finish := func(r result) {
		select {
		case done <- r:
		default:
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/callback", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(state)) != 1 {
			writePage(w, http.StatusBadRequest, pageBadRequest)
			return
		}
		if e := q.Get("error"); e != "" {
			writePage(w, http.StatusOK, pageRefused)
			finish(result{err: service.Errorf(service.EUNAUTHORIZED, MsgSignInRefused, fmt.Errorf("authorization error %q", e))})
			return
		}
		tok, err := cfg.Exchange(r.Context(), q.Get("code"), oauth2.VerifierOption(verifier))
		if err != nil {
			writePage(w, http.StatusOK, pageRefused)
			finish(result{err: classifyOAuth(err)})
			return
		}
		writePage(w, http.StatusOK, pageDone)
		finish(result{tok: tok})
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 30 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer func() {
		sctx, scancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer scancel()
		_ = srv.Shutdown(sctx)
	}()

	if err := open(authURL); err != nil {
		return nil, service.Errorf(service.EUNAVAILABLE, MsgBrowser, err)
	}
	select {
	case r := <-done:
		return r.tok, r.err
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, service.Errorf(service.EUNAVAILABLE, MsgSignInTimeout, ctx.Err())
		}
		return nil, service.Errorf(service.EUNAUTHORIZED, MsgSignInCancelled, ctx.Err())
	}
}

func randomState() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}
