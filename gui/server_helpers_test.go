package gui

import (
	"context"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/httpserver/servertest"
	"sesame/service/keychain"
	"sesame/service/remote"
)

// newTestServer starts an in-process sesame-server (a real SQLite file, real OAuth2)
// with the firm 95963 FUTUROSCOPE CEDEX, its attached 12345 BOULANGERIE MARTIN, and
// the administrator Delhumeau Vincent; tweak adjusts its configuration.
func newTestServer(t testing.TB, tweak func(*httpserver.Config)) *servertest.Env {
	t.Helper()
	s := servertest.Start(t, tweak)
	s.Attach(t, "12345", "BOULANGERIE MARTIN")
	return s
}

// testKeychain is the real OS keychain (gnome-keyring under make test), under a
// service name of the test's own, emptied at the end.
func testKeychain(t testing.TB, s *servertest.Env) keychain.OS {
	t.Helper()
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("no D-Bus session: run through `make test` or scripts/with-test-services, which start dbus-run-session and gnome-keyring")
	}
	kc := keychain.OS{Service: "fr.cabinet.sesame.test-" + t.Name()}
	t.Cleanup(func() { _ = kc.Delete(context.Background(), s.URL) })
	return kc
}

// startServerHarness starts the app in server mode on s, with kc as its keychain
// and, as its browser, an HTTP client that signs in as the administrator.
func startServerHarness(t testing.TB, s *servertest.Env, kc keychain.Keychain) *harness {
	t.Helper()
	newSession := func(ctx context.Context, serverURL string) (service.ServerSession, error) {
		sess, err := remote.NewSession(ctx, serverURL, kc)
		if err != nil {
			return nil, err
		}
		return sess, nil
	}
	h := launch(t, t.TempDir(), newSession, func(p fyne.Preferences) {
		p.SetString(prefMode, modeServer)
		p.SetString(prefServerURL, s.URL)
	})
	h.server, h.kc = s, kc
	h.browser = &testBrowser{t: t, signIn: s.Browser(servertest.Login, s.Password), opened: make(chan string, 8)}
	h.u.openURL = h.browser.open
	return h
}

// newServerHarness starts a server and the app on it, and signs in.
func newServerHarness(t testing.TB) *harness {
	t.Helper()
	s := newTestServer(t, nil)
	h := startServerHarness(t, s, testKeychain(t, s))
	h.signIn()
	return h
}

// signIn presses Enter on the sign-in screen; the browser signs in.
func (h *harness) signIn() {
	h.t.Helper()
	s := h.u.signInScreen
	if s == nil {
		h.t.Fatalf("no sign-in screen; window %q", h.win.Title())
	}
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.wait()
	if h.u.profileScreen == nil {
		h.t.Fatalf("the profile is not shown after signing in; the screen says %q", s.status.Text)
	}
}

// testBrowser stands for the system browser: it loads the login page the app opens,
// fills in the login form and follows the redirect to the app's loopback listener.
type testBrowser struct {
	t      testing.TB
	signIn func(authURL string) error // servertest's scripted sign-in
	idle   bool                       // opens pages but does nothing (the user walks away)
	opened chan string                // the pages the app opened
}

// open is the app's openURL.
func (b *testBrowser) open(authURL string) error {
	select {
	case b.opened <- authURL:
	default:
	}
	if b.idle {
		return nil
	}
	if err := b.signIn(authURL); err != nil {
		b.t.Errorf("browser: %v", err)
	}
	return nil
}

// forEachBackend runs a test of the whole flow on the local store and on the firm's
// server, each time from the profile of a firm 95963 FUTUROSCOPE CEDEX administered
// by Delhumeau Vincent.
func forEachBackend(t *testing.T, test func(t *testing.T, h *harness)) {
	t.Run("local", func(t *testing.T) {
		h := newHarness(t)
		h.setUpFirm()
		test(t, h)
	})
	t.Run("server", func(t *testing.T) {
		test(t, newServerHarness(t))
	})
}

// attachBoulangerie makes 12345 BOULANGERIE MARTIN, attached to the firm, one of the
// profile's tiers: through the form in local mode; on the server it is there already
// (tiers are managed from the server's command line).
func (h *harness) attachBoulangerie() {
	h.t.Helper()
	if a := h.u.profileScreen.attach; a != nil {
		typeInto(a.code, "12345")
		typeInto(a.name, "BOULANGERIE MARTIN")
		h.tap(a.submit)
	}
	if !textIn(h.u.profileScreen.tiers, "12345 BOULANGERIE MARTIN — rattaché à 95963 FUTUROSCOPE CEDEX") {
		h.t.Fatal("the profile does not list 12345 BOULANGERIE MARTIN")
	}
}

// assertNoToken fails if the refresh token in the keychain is anywhere else: in the
// preferences or the app's log. Nothing to check in local mode.
func (h *harness) assertNoToken() {
	h.t.Helper()
	if h.kc == nil {
		return
	}
	token, err := h.kc.Get(context.Background(), h.server.URL)
	if err != nil || token == "" {
		h.t.Fatalf("no refresh token in the keychain while signed in (%v)", err)
	}
	if p, ok := h.app.Preferences().(interface{ ReadValues(func(map[string]any)) }); ok {
		p.ReadValues(func(m map[string]any) {
			for k, v := range m {
				if s, ok := v.(string); ok && strings.Contains(s, token) {
					h.t.Errorf("preference %q holds the refresh token", k)
				}
			}
		})
	}
	if strings.Contains(h.log.String(), token) {
		h.t.Error("the app's log holds the refresh token")
	}
}
