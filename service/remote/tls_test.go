package remote_test

import (
	"context"
	"errors"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/httpserver/servertest"
	"sesame/service/msg"
	"sesame/service/remote"
)

// certRefused checks that err is the refusal of the server's certificate for problem,
// with its sentence, and returns what it carries.
func certRefused(t *testing.T, err error, problem service.CertProblem, code msg.Code) *service.CertificateError {
	t.Helper()
	var ce *service.CertificateError
	if !errors.As(err, &ce) || ce.Problem != problem {
		t.Fatalf("want the certificate refused as %s, got %v", problem, err)
	}
	if service.ErrorCode(err) != service.EUNAVAILABLE || service.ErrorMessage(err) != code {
		t.Fatalf("the user reads %q, want %q", service.ErrorMessage(err), code)
	}
	return ce
}

// A firm's self-signed certificate is refused with its own sentence and fingerprint
// (the one the server prints); once pinned, signing in works; a new certificate on the
// same server is then refused with the warning, even though nothing else changed.
func TestSelfSignedCertificatePinnedThenChanged(t *testing.T) {
	ctx := t.Context()
	env := servertest.StartTLS(t, servertest.Certificate(t, servertest.CertSpec{}), nil)
	kc := realKeychain(t)
	s, err := remote.NewSession(ctx, env.URL, kc)
	if err != nil {
		t.Fatal(err)
	}
	err = s.SignIn(ctx, env.Browser(servertest.Login, env.Password))
	ce := certRefused(t, err, service.CertUnknownAuthority, service.MsgCertUnknownAuthority)
	if ce.Fingerprint != service.Fingerprint(env.CertificateDER()) || !slices.Contains(ce.Names, "127.0.0.1") {
		t.Fatalf("the refusal shows fingerprint %s for names %v, not the server's", ce.Fingerprint, ce.Names)
	}

	s.PinCertificate(strings.ToLower(strings.ReplaceAll(ce.Fingerprint, ":", " "))) // as typed or pasted
	if err := s.SignIn(ctx, env.Browser(servertest.Login, env.Password)); err != nil {
		t.Fatalf("SignIn with the pinned certificate: %v", err)
	}
	defer func() { _ = kc.Delete(context.Background(), s.Server()) }()
	if _, err := s.Portal().Profile(ctx); err != nil {
		t.Fatalf("Profile: %v", err)
	}

	// The server restarts with another certificate; so does the app, with the pin
	// from its preferences and the session from the keychain.
	pinned := ce.Fingerprint
	env.RenewCertificate(servertest.Certificate(t, servertest.CertSpec{}))
	next, _ := remote.NewSession(ctx, env.URL, kc)
	next.PinCertificate(pinned)
	err = next.Restore(ctx)
	ce = certRefused(t, err, service.CertChanged, service.MsgCertChanged)
	if ce.Pinned != pinned || ce.Fingerprint != service.Fingerprint(env.CertificateDER()) {
		t.Fatalf("the warning shows pinned %s and presented %s", ce.Pinned, ce.Fingerprint)
	}
	next.PinCertificate("") // Paramètres: the pin removed, the system's authorities again
	err = next.Restore(ctx)
	certRefused(t, err, service.CertUnknownAuthority, service.MsgCertUnknownAuthority)
}

func TestExpiredCertificate(t *testing.T) {
	old := time.Now().Add(-60 * 24 * time.Hour)
	env := servertest.StartTLS(t, servertest.Certificate(t, servertest.CertSpec{NotBefore: old, NotAfter: old.Add(30 * 24 * time.Hour)}), nil)
	s, _ := remote.NewSession(t.Context(), env.URL, realKeychain(t))
	err := s.SignIn(t.Context(), env.Browser(servertest.Login, env.Password))
	ce := certRefused(t, err, service.CertExpired, service.MsgCertExpired)
	if !ce.NotAfter.Before(time.Now()) {
		t.Fatalf("NotAfter %v", ce.NotAfter)
	}
}

// A certificate for 127.0.0.1 reached as localhost: the wrong name, and the address
// the certificate names, which then works once its certificate is pinned.
func TestCertificateForAnotherName(t *testing.T) {
	ctx := t.Context()
	env := servertest.StartTLS(t, servertest.Certificate(t, servertest.CertSpec{}), nil)
	typed := strings.Replace(env.URL, "127.0.0.1", "localhost", 1)
	s, _ := remote.NewSession(ctx, typed, realKeychain(t))
	err := s.SignIn(ctx, env.Browser(servertest.Login, env.Password))
	ce := certRefused(t, err, service.CertWrongName, service.MsgCertWrongName)
	if got := ce.OtherAddress(typed); got != env.URL {
		t.Fatalf("the address to use instead: %q, want %q", got, env.URL)
	}
	s2, _ := remote.NewSession(ctx, ce.OtherAddress(typed), realKeychain(t))
	s2.PinCertificate(ce.Fingerprint)
	if err := s2.SignIn(ctx, env.Browser(servertest.Login, env.Password)); err != nil {
		t.Fatalf("SignIn at the certificate's address: %v", err)
	}
	_ = s2.SignOut(ctx)
}

// Plain HTTP reached as localhost while the server announces 127.0.0.1: said, with
// the announced address, which works.
func TestServerAnnouncesAnotherAddress(t *testing.T) {
	ctx := t.Context()
	env := servertest.Start(t, nil)
	typed := strings.Replace(env.URL, "127.0.0.1", "localhost", 1)
	s, _ := remote.NewSession(ctx, typed, realKeychain(t))
	err := s.SignIn(ctx, env.Browser(servertest.Login, env.Password))
	var oa *service.OtherAddressError
	if !errors.As(err, &oa) || oa.Announced != env.URL || service.ErrorMessage(err) != service.MsgOtherAddress {
		t.Fatalf("reached under another name: %v", err)
	}
	s2, _ := remote.NewSession(ctx, oa.Announced, realKeychain(t))
	if err := s2.SignIn(ctx, env.Browser(servertest.Login, env.Password)); err != nil {
		t.Fatalf("SignIn at the announced address: %v", err)
	}
	_ = s2.SignOut(ctx)
}

// https:// typed for a server that speaks plain HTTP, and a port where nothing
// listens: two different sentences.
func TestNotTLSAndNotReachable(t *testing.T) {
	ctx := t.Context()
	plain := httptest.NewServer(http.NotFoundHandler())
	defer plain.Close()
	s, _ := remote.NewSession(ctx, strings.Replace(plain.URL, "http://", "https://", 1), realKeychain(t))
	if err := s.SignIn(ctx, func(string) error { return nil }); service.ErrorMessage(err) != service.MsgNotTLS {
		t.Fatalf("https to a plain HTTP server: %v", err)
	}
	plain.Close()
	s, _ = remote.NewSession(ctx, plain.URL, realKeychain(t))
	if err := s.SignIn(ctx, func(string) error { return nil }); service.ErrorMessage(err) != service.MsgUnavailable {
		t.Fatalf("nothing listening: %v", err)
	}
}

// After Annuler, the browser's return still gets an answer from the app: a page
// saying the sign-in was cancelled in Sésame, styled like the login page.
func TestReturnAfterCancelGetsThePage(t *testing.T) {
	env := servertest.Start(t, nil)
	s, _ := remote.NewSession(t.Context(), env.URL, realKeychain(t))
	ctx, cancel := context.WithCancel(t.Context())
	var authURL string
	err := s.SignIn(ctx, func(u string) error { authURL = u; cancel(); return nil })
	if service.ErrorMessage(err) != remote.MsgSignInCancelled {
		t.Fatalf("cancelled: %v", err)
	}
	u, _ := url.Parse(authURL)
	state := u.Query().Get("state")
	for _, tc := range []struct {
		query, want string
		status      int
	}{
		{"state=" + url.QueryEscape(state) + "&code=x", "La connexion a été annulée dans Sésame ; recommencez depuis l'application.", 200},
		{"state=forged&code=x", "ne correspond à aucune connexion en cours", 400},
	} {
		resp, err := http.Get(u.Query().Get("redirect_uri") + "?" + tc.query)
		if err != nil {
			t.Fatalf("the loopback listener no longer answers: %v", err)
		}
		raw, _ := io.ReadAll(resp.Body)
		body := html.UnescapeString(string(raw))
		resp.Body.Close()
		csp := resp.Header.Get("Content-Security-Policy")
		if resp.StatusCode != tc.status || !strings.Contains(body, tc.want) || !strings.Contains(body, "<style nonce=") ||
			!strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "style-src 'nonce-") {
			t.Errorf("%s: %d %q (CSP %q)", tc.query, resp.StatusCode, body, csp)
		}
	}
	// A new attempt on the same listener signs in.
	if err := s.SignIn(t.Context(), env.Browser(servertest.Login, env.Password)); err != nil {
		t.Fatalf("sign in after a cancel: %v", err)
	}
	_ = s.SignOut(t.Context())
}
