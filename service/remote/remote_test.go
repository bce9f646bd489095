package remote_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/httpserver/servertest"
	"sesame/service/keychain"
	"sesame/service/remote"
)

// These tests run the real remote session against an in-process sesame-server with
// real OAuth2, and keep tokens in the real Secret Service (make test provides a
// throw-away unlocked gnome-keyring under dbus-run-session).

func realKeychain(t *testing.T) keychain.OS {
	t.Helper()
	kc := keychain.OS{Service: "fr.cabinet.sesame.test-" + t.Name()}
	if _, err := kc.Get(context.Background(), "probe"); err != nil && !errors.Is(err, keychain.ErrNotFound) {
		t.Fatalf("the test keyring is not usable (run through make test): %v", err)
	}
	return kc
}

func signedIn(t *testing.T, env *servertest.Env, kc keychain.Keychain) *remote.Session {
	t.Helper()
	s, err := remote.NewSession(context.Background(), env.URL, kc)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SignIn(context.Background(), env.Browser(servertest.Login, env.Password)); err != nil {
		t.Fatalf("SignIn: %v", err)
	}
	return s
}

func TestSignInThenTheWholeFlow(t *testing.T) {
	ctx := context.Background()
	env := servertest.Start(t, nil)
	kc := realKeychain(t)
	s := signedIn(t, env, kc)
	if err := s.KeychainError(); err != nil {
		t.Fatalf("keychain: %v", err)
	}
	if v, err := kc.Get(ctx, s.Server()); err != nil || v == "" {
		t.Fatalf("no refresh token in the keychain after sign-in (%v)", err)
	}
	p := s.Portal()
	prof, err := p.Profile(ctx)
	if err != nil || prof.AdminName != servertest.AdminName || !prof.Administers(servertest.Tiers) {
		t.Fatalf("Profile = %+v, %v", prof, err)
	}
	cat, err := p.Catalogue(ctx)
	if err != nil || len(cat.KeyServices()) == 0 {
		t.Fatalf("Catalogue = %d entries, %v", len(cat.Entries), err)
	}
	g, err := p.Generate(ctx, service.GenerateRequest{Tiers: servertest.Tiers, Service: "loop-apikey", Name: "Félix <b>'"})
	if err != nil || service.CheckSecret(g.Credentials.Secret) != nil || g.Key.Name != "Félix <b>'" {
		t.Fatalf("Generate: key %+v, err %v", g.Key, err)
	}
	_, err = p.Generate(ctx, service.GenerateRequest{Tiers: servertest.Tiers, Service: "loop-apikey", Name: "Félix <b>'"})
	if service.ErrorCode(err) != service.ECONFLICT || service.ErrorField(err) != "name" || service.ErrorMessage(err) != service.MsgKeyNameTaken {
		t.Fatalf("duplicate name through the server: %v", err)
	}
	page, err := p.ListKeys(ctx, service.KeyFilter{Tiers: servertest.Tiers, Service: "loop-apikey", NameContains: "FELIX"})
	if err != nil || len(page.Keys) != 1 || page.Keys[0].ID != g.Key.ID {
		t.Fatalf("ListKeys = %+v, %v", page, err)
	}
	k, err := p.Revoke(ctx, g.Key.ID)
	if err != nil || k.Status != service.StatusRevoked {
		t.Fatalf("Revoke = %+v, %v", k, err)
	}
	if _, err := p.Revoke(ctx, g.Key.ID); service.ErrorCode(err) != service.ECONFLICT {
		t.Fatalf("second revoke: %v", err)
	}
	if _, err := p.ListKeys(ctx, service.KeyFilter{Tiers: "12345", Service: "loop-apikey"}); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("another firm's tiers: %v, want ENOTFOUND", err)
	}
	ev, err := p.Audit(ctx, service.AuditFilter{})
	if err != nil || len(ev) != 3 || ev[2].Action != service.AuditSignIn || ev[2].Addr != "127.0.0.1" {
		t.Fatalf("Audit = %d events, %v", len(ev), err)
	}
}

func TestRestartResumesFromKeychainAndSignOutRevokes(t *testing.T) {
	ctx := context.Background()
	env := servertest.Start(t, nil)
	kc := realKeychain(t)
	first := signedIn(t, env, kc)

	// The next start: a new session finds the refresh token and works at once.
	again, _ := remote.NewSession(ctx, env.URL, kc)
	if err := again.Restore(ctx); err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if _, err := again.Portal().Profile(ctx); err != nil {
		t.Fatalf("Profile after restore: %v", err)
	}
	spent, _ := kc.Get(ctx, again.Server())

	if err := again.SignOut(ctx); err != nil {
		t.Fatalf("SignOut: %v", err)
	}
	if _, err := kc.Get(ctx, again.Server()); !errors.Is(err, keychain.ErrNotFound) {
		t.Fatalf("the keychain still holds a token after sign-out (%v)", err)
	}
	if again.Portal() != nil {
		t.Fatal("a signed-out session still offers a Portal")
	}
	// The revoked token, put back by hand, no longer opens anything.
	if err := kc.Set(ctx, again.Server(), spent); err != nil {
		t.Fatal(err)
	}
	third, _ := remote.NewSession(ctx, env.URL, kc)
	if err := third.Restore(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := third.Portal().Profile(ctx); service.ErrorCode(err) != service.EUNAUTHORIZED || service.ErrorMessage(err) != service.MsgSessionClosed {
		t.Fatalf("revoked refresh token: %v, want EUNAUTHORIZED saying the session was closed", err)
	}
	_ = first
	_ = kc.Delete(ctx, again.Server())
}

func TestRestoreWithoutTokenAsksToSignIn(t *testing.T) {
	env := servertest.Start(t, nil)
	s, _ := remote.NewSession(context.Background(), env.URL, realKeychain(t))
	if err := s.Restore(context.Background()); service.ErrorCode(err) != service.EUNAUTHORIZED || service.ErrorMessage(err) != remote.MsgSignInNeeded {
		t.Fatalf("Restore with an empty keychain: %v", err)
	}
}

func TestRotatedRefreshTokenIsSavedAtOnce(t *testing.T) {
	ctx := context.Background()
	// Access tokens shorter than x/oauth2's 10 s expiry margin: every call refreshes,
	// and the server rotates the refresh token each time.
	env := servertest.Start(t, func(c *httpserver.Config) { c.AccessTokenTTL = 5 * time.Second })
	kc := realKeychain(t)
	s := signedIn(t, env, kc)
	seen := map[string]bool{}
	for i := 0; i < 3; i++ {
		if _, err := s.Portal().Profile(ctx); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		v, err := kc.Get(ctx, s.Server())
		if err != nil {
			t.Fatal(err)
		}
		if seen[v] {
			t.Fatalf("call %d: the keychain still holds an already used refresh token", i)
		}
		seen[v] = true
	}
	// What the keychain holds is the live token: a restart works with it.
	next, _ := remote.NewSession(ctx, env.URL, kc)
	if err := next.Restore(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := next.Portal().Profile(ctx); err != nil {
		t.Fatalf("restart with the saved rotated token: %v", err)
	}
	_ = kc.Delete(ctx, s.Server())
}

func TestServerStoppedMidFlow(t *testing.T) {
	ctx := context.Background()
	env := servertest.Start(t, nil)
	kc := realKeychain(t)
	s := signedIn(t, env, kc)
	p := s.Portal()
	if _, err := p.Profile(ctx); err != nil {
		t.Fatal(err)
	}
	env.Stop()
	_, err := p.Generate(ctx, service.GenerateRequest{Tiers: servertest.Tiers, Service: "loop-apikey", Name: "Felix"})
	if service.ErrorCode(err) != service.EUNAVAILABLE || service.ErrorMessage(err) != service.MsgUnavailable {
		t.Fatalf("server down: %v, want EUNAVAILABLE", err)
	}
	_ = kc.Delete(ctx, s.Server())
}

func TestSignInWrongStateIsRefusedAndTheWaitGoesOn(t *testing.T) {
	env := servertest.Start(t, nil)
	s, _ := remote.NewSession(context.Background(), env.URL, realKeychain(t))
	real := env.Browser(servertest.Login, env.Password)
	var forged int
	open := func(authURL string) error {
		// Another page of the machine hits the listener with a forged state first.
		u, err := url.Parse(authURL)
		if err != nil {
			return err
		}
		resp, err := http.Get(u.Query().Get("redirect_uri") + "?state=forged&code=forged")
		if err != nil {
			return err
		}
		resp.Body.Close()
		forged = resp.StatusCode
		return real(authURL)
	}
	if err := s.SignIn(context.Background(), open); err != nil {
		t.Fatalf("SignIn after a forged callback: %v", err)
	}
	if forged != http.StatusBadRequest {
		t.Fatalf("forged state answered %d, want 400", forged)
	}
	_ = s.SignOut(context.Background())
}

func TestSignInCancel(t *testing.T) {
	env := servertest.Start(t, nil)
	s, _ := remote.NewSession(context.Background(), env.URL, realKeychain(t))
	ctx, cancel := context.WithCancel(context.Background())
	start := time.Now()
	err := s.SignIn(ctx, func(string) error { cancel(); return nil }) // the user clicks Annuler
	if service.ErrorMessage(err) != remote.MsgSignInCancelled || time.Since(start) > 5*time.Second {
		t.Fatalf("cancelled sign-in: %v after %v", err, time.Since(start))
	}
}

func TestWrongPasswordNeverSignsIn(t *testing.T) {
	env := servertest.Start(t, nil)
	s, _ := remote.NewSession(context.Background(), env.URL, realKeychain(t))
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := s.SignIn(ctx, env.Browser(servertest.Login, "mauvais")); err == nil || s.Portal() != nil {
		t.Fatalf("a wrong password signed in (err=%v)", err)
	}
}
