package gui

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/httpserver/servertest"
	"sesame/service/keychain"
	"sesame/service/msg"
)

func TestSignInWaitsForTheBrowserAndCancelReturnsToTheSignInScreen(t *testing.T) {
	s := newTestServer(t, nil)
	h := startServerHarness(t, s, testKeychain(t, s))
	si := h.u.signInScreen
	if si == nil || h.u.profileScreen != nil {
		t.Fatal("server mode without a sign-in in the keychain does not start on the sign-in screen")
	}
	if h.win.Title() != "Sésame — Connexion" || si.server.Text != s.URL || si.signIn.Text != "Se connecter avec votre passeport" {
		t.Errorf("sign-in screen: title %q, server %q, button %q", h.win.Title(), si.server.Text, si.signIn.Text)
	}
	if si.waiting.Visible() || si.retry.Visible() {
		t.Error("the sign-in screen shows a wait or Réessayer before anything happened")
	}

	// The user walks away from the browser: the app waits, and says so.
	h.browser.idle = true
	test.Tap(si.signIn)
	var authURL string
	select {
	case authURL = <-h.browser.opened:
	case <-time.After(10 * time.Second):
		t.Fatal("the browser was never opened")
	}
	u, err := url.Parse(authURL)
	if err != nil || !strings.HasPrefix(authURL, s.URL+"/oauth2/authorize?") || u.Query().Get("code_challenge_method") != "S256" ||
		!strings.HasPrefix(u.Query().Get("redirect_uri"), "http://127.0.0.1:") || u.Query().Get("state") == "" {
		t.Errorf("the browser opened %s?… with parameters %v", u.Path, keysOf(u.Query()))
	}
	if !si.waiting.Visible() || !textIn(si.waiting, "En attente de la connexion dans votre navigateur…") ||
		!si.cancel.Visible() || !si.signIn.Disabled() || !si.settings.Disabled() {
		t.Error("while the browser is out, the screen does not show the wait with Annuler, or lets the user start again")
	}
	h.tap(si.cancel)
	if h.u.signInScreen != si || h.u.profileScreen != nil || si.waiting.Visible() || si.signIn.Disabled() {
		t.Fatal("Annuler does not return to the sign-in screen, ready to start again")
	}
	if si.status.Text != "La connexion a été annulée." {
		t.Errorf("after Annuler the screen says %q", si.status.Text)
	}

	// Enter signs in; the browser now does its part.
	h.browser.idle = false
	h.signIn()
	p := h.u.profileScreen
	if p.login.Text != servertest.Login || p.server.Text != s.URL || p.admin.Text != servertest.AdminName || p.signOut == nil {
		t.Errorf("profile: login %q, server %q, admin %q, sign-out button %v", p.login.Text, p.server.Text, p.admin.Text, p.signOut != nil)
	}
	if p.attach != nil {
		t.Error("the profile offers to attach a tiers, which the server's Portal cannot do")
	}
	if h.topOverlay() != nil {
		t.Error("a dialog is shown after a sign-in with a working keychain")
	}
}

// keysOf lists a query's parameter names (never their values: one may be a secret).
func keysOf(q url.Values) []string {
	var out []string
	for k := range q {
		out = append(out, k)
	}
	return out
}

func TestRestartWithASignInInTheKeychainGoesStraightToTheProfile(t *testing.T) {
	s := newTestServer(t, nil)
	kc := testKeychain(t, s)
	h := startServerHarness(t, s, kc)
	h.signIn()
	h.u.shutdown()

	h2 := startServerHarness(t, s, kc)
	h2.browser.idle = true
	if h2.u.signInScreen != nil || h2.u.profileScreen == nil {
		t.Fatal("a restart with a refresh token in the keychain does not go straight to the profile")
	}
	if h2.u.profileScreen.login.Text != servertest.Login {
		t.Errorf("restart shows login %q", h2.u.profileScreen.login.Text)
	}
	if len(h2.browser.opened) != 0 {
		t.Error("a restart opened the browser")
	}
}

func TestSignOutRevokesAtTheServerAndEmptiesTheKeychain(t *testing.T) {
	h := newServerHarness(t)
	ctx := context.Background()
	old, err := h.kc.Get(ctx, h.server.URL)
	if err != nil {
		t.Fatalf("no refresh token in the keychain after signing in: %v", err)
	}
	h.tap(h.u.profileScreen.signOut)
	// First a question: Annuler keeps the session.
	if d := h.topOverlay(); !textIn(d, "Se déconnecter du serveur du cabinet ?") {
		t.Fatal("Se déconnecter does not ask for confirmation")
	}
	h.tap(h.buttonIn(h.topOverlay(), "Annuler"))
	if h.u.profileScreen == nil || h.u.backend.portal == nil {
		t.Fatal("Annuler signed out")
	}
	if _, err := h.kc.Get(ctx, h.server.URL); err != nil {
		t.Fatalf("Annuler emptied the keychain: %v", err)
	}
	h.tap(h.u.profileScreen.signOut)
	h.tap(h.buttonIn(h.topOverlay(), "Se déconnecter"))
	if h.u.signInScreen == nil || h.u.profileScreen != nil || h.u.backend.portal != nil {
		t.Fatal("Se déconnecter does not go back to the sign-in screen")
	}
	if h.topOverlay() != nil {
		t.Error("a dialog is shown after a clean sign-out")
	}
	if _, err := h.kc.Get(ctx, h.server.URL); !errors.Is(err, keychain.ErrNotFound) {
		t.Errorf("after signing out the keychain still answers %v", err)
	}
	if status, body := refreshWith(t, h.server, old); status != http.StatusBadRequest || !strings.Contains(body, "invalid_grant") {
		t.Errorf("the server still accepts the refresh token after sign-out: status %d", status)
	}
	h.signIn() // and back in
}

// refreshWith asks the server for tokens with a refresh token, as the app would.
func refreshWith(t *testing.T, s *servertest.Env, refresh string) (int, string) {
	t.Helper()
	resp, err := http.PostForm(s.URL+"/oauth2/token", url.Values{
		"grant_type": {"refresh_token"}, "refresh_token": {refresh}, "client_id": {httpserver.DesktopClientID}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestSignOutWithTheServerDownStillForgetsTheSession(t *testing.T) {
	h := newServerHarness(t)
	h.server.Stop()
	h.tap(h.u.profileScreen.signOut)
	h.tap(h.buttonIn(h.topOverlay(), "Se déconnecter"))
	if h.u.signInScreen == nil {
		t.Fatal("signing out with the server down does not go back to the sign-in screen")
	}
	if d := h.topOverlay(); !textIn(d, "la déconnexion n'a pas pu être confirmée") || !textIn(d, msg.T(service.MsgUnavailable, nil)) {
		t.Error("no dialog says the server could not be told")
	}
	if _, err := h.kc.Get(context.Background(), h.server.URL); !errors.Is(err, keychain.ErrNotFound) {
		t.Errorf("the keychain still holds the session: %v", err)
	}
}

// brokenKeychain is a keychain that always fails, as with no Secret Service.
type brokenKeychain struct{}

func (brokenKeychain) fail() error {
	return service.Errorf(service.EUNAVAILABLE, keychain.MsgUnavailable, errors.New("no Secret Service"))
}
func (k brokenKeychain) Get(context.Context, string) (string, error) { return "", k.fail() }
func (k brokenKeychain) Set(context.Context, string, string) error   { return k.fail() }
func (k brokenKeychain) Delete(context.Context, string) error        { return k.fail() }

func TestKeychainFailureIsExplainedOnceAndTheSessionWorks(t *testing.T) {
	// Access tokens within oauth2's 10 s expiry margin: every call refreshes and rotates, and each
	// new refresh token fails to reach the keychain.
	s := newTestServer(t, func(c *httpserver.Config) { c.AccessTokenTTL = 5 * time.Second })
	h := startServerHarness(t, s, brokenKeychain{})
	h.signIn()
	d := h.topOverlay()
	if !textIn(d, msg.T(keychain.MsgUnavailable, nil)) {
		t.Fatal("no dialog explains that the keychain is unavailable")
	}
	test.Tap(h.buttonIn(d, "OK"))
	h.openKeys("Loop APIkey")
	h.generate("Clé sans trousseau")
	if h.u.keysScreen.credentials == nil {
		t.Fatalf("the session does not work without the keychain: %q", h.u.keysScreen.gen.newNameErr.Text)
	}
	h.closeGenerated()
	if h.topOverlay() != nil {
		t.Error("the keychain's failure is shown more than once")
	}
}

func TestABrowserThatDoesNotOpenLeavesTheAddressToCopy(t *testing.T) {
	s := newTestServer(t, nil)
	h := startServerHarness(t, s, testKeychain(t, s))
	h.u.openURL = func(string) error { return errors.New("exec: xdg-open: not found") }
	si := h.u.signInScreen
	test.Tap(si.signIn)
	h.pumpUntil(func() bool { return si.authURL != "" })
	if !si.waiting.Visible() || si.manual.Importance != widget.WarningImportance || !si.copyURL.Visible() || !strings.Contains(si.manual.Text, "ne s'est pas ouvert") {
		t.Fatal("a browser that did not open is not explained, or the wait stopped")
	}
	test.Tap(si.copyURL)
	copied := h.app.Clipboard().Content()
	if !strings.HasPrefix(copied, s.URL+"/oauth2/authorize?") || si.copyURL.Text != "Adresse copiée" {
		t.Fatalf("Copier l'adresse put %d characters on the clipboard, button %q", len(copied), si.copyURL.Text)
	}
	go func() { _ = h.browser.open(copied) }() // the user pastes it into a browser
	h.wait()
	if h.u.profileScreen == nil {
		t.Fatalf("signing in with the copied address does not open the profile: %q", si.status.Text)
	}
}

// Issue 21, item 11: once the browser did open, the waiting screen does not ask
// whether it opened (when it did not, it says so: TestABrowserThatDoesNotOpen…).
func TestWaitingHintFollowsTheBrowser(t *testing.T) {
	s := newTestServer(t, nil)
	h := startServerHarness(t, s, testKeychain(t, s))
	h.browser.idle = true
	si := h.u.signInScreen
	test.Tap(si.signIn)
	h.pumpUntil(func() bool { return si.authURL != "" })
	if strings.Contains(si.manual.Text, "ne s'est pas ouvert") || !strings.Contains(si.manual.Text, "s'est ouverte dans votre navigateur") {
		t.Errorf("the browser opened, and the hint says %q", si.manual.Text)
	}
	h.tap(si.cancel)
}
