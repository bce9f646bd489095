package gui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sesame/service"
	"sesame/service/msg"
)

func TestSettingsKeepTheClipboardDelay(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	if got := clipboardDelay(h.app.Preferences()).Seconds(); got != 60 {
		t.Fatalf("default clipboard delay %v s, want 60", got)
	}
	h.tap(h.u.profileScreen.settings)
	d := h.u.settings
	if d == nil || d.delay.Selected != "1 min" {
		t.Fatalf("settings dialog shows delay %q", d.delay.Selected)
	}
	d.delay.SetSelected("30 s")
	if got := clipboardDelay(h.app.Preferences()).Seconds(); got != 30 {
		t.Errorf("after choosing 30 s the delay is %v s", got)
	}
	test.Tap(h.buttonIn(h.topOverlay(), "Fermer"))
}

// openSettings opens the settings from the screen on show.
func (h *harness) openSettings() *settingsDialog {
	h.t.Helper()
	switch {
	case h.u.profileScreen != nil:
		h.tap(h.u.profileScreen.settings)
	case h.u.signInScreen != nil:
		h.tap(h.u.signInScreen.settings)
	case h.u.setupScreen != nil:
		h.tap(h.u.setupScreen.settings)
	default:
		h.t.Fatal("no screen with a Paramètres button")
	}
	return h.u.settings
}

func TestSettingsSwitchBetweenThisComputerAndTheServerKeepingBoth(t *testing.T) {
	srv := newTestServer(t, nil)
	kc := testKeychain(t, srv)
	h := startServerHarness(t, srv, kc)
	// Start as on a first run: local mode, empty store.
	h.app.Preferences().SetString(prefMode, modeLocal)
	h.u.start()
	h.wait()
	h.setUpFirm()
	h.openKeys("Loop APIkey")
	h.generate("Clé locale")
	h.closeGenerated()
	h.tap(h.u.keysScreen.back)
	h.tap(h.u.catalogueScreen.back)

	d := h.openSettings()
	if d.mode.Selected != "Ce poste" || !d.serverURL.Disabled() || !d.apply.Disabled() {
		t.Errorf("settings in local mode: mode %q, address disabled %v, Appliquer disabled %v",
			d.mode.Selected, d.serverURL.Disabled(), d.apply.Disabled())
	}
	d.mode.SetSelected("Serveur du cabinet")
	for _, c := range []struct{ typed, want string }{
		{"http://sesame.cabinet.fr", msg.T(service.MsgServerURLInsecure, nil)},
		{"sesame.cabinet.fr", msg.T(service.MsgServerURLInvalid, nil)},
	} {
		typeInto(&d.serverURL.Entry, c.typed)
		h.tap(d.apply)
		if !d.urlErr.Visible() || d.urlErr.Text != c.want || d.serverURL.Validate() == nil {
			t.Errorf("address %q: error next to the field %q, want %q", c.typed, d.urlErr.Text, c.want)
		}
		if backendMode(h.app.Preferences()) != modeLocal || h.u.profileScreen == nil {
			t.Fatalf("address %q refused, yet the app switched", c.typed)
		}
	}
	typeInto(&d.serverURL.Entry, srv.URL+"/")
	if d.urlErr.Visible() || d.serverURL.Validate() != nil {
		t.Error("a valid address still shows an error")
	}
	h.tap(d.apply)
	if h.topOverlay() != nil || h.u.signInScreen == nil {
		t.Fatal("Appliquer does not close the settings and show the sign-in screen")
	}
	p := h.app.Preferences()
	if backendMode(p) != modeServer || p.String(prefServerURL) != srv.URL {
		t.Errorf("preferences: mode %q, address %q", p.String(prefMode), p.String(prefServerURL))
	}
	h.signIn()
	h.assertNoToken()

	// Back to this computer: the store is as it was, with its key.
	d = h.openSettings()
	if d.mode.Selected != "Serveur du cabinet" || d.serverURL.Text != srv.URL {
		t.Errorf("settings in server mode: mode %q, address %q", d.mode.Selected, d.serverURL.Text)
	}
	d.mode.SetSelected("Ce poste")
	h.tap(d.apply)
	if h.u.setupScreen != nil || h.u.profileScreen == nil || h.u.backend.session != nil || h.u.profileScreen.login.Text != "local" {
		t.Fatal("switching back does not reopen the local profile")
	}
	page, err := h.portal().ListKeys(context.Background(), service.KeyFilter{Tiers: "95963", Service: "loop-apikey"})
	if err != nil || len(page.Keys) != 1 || page.Keys[0].Name != "Clé locale" {
		t.Errorf("the local store after switching back: %d keys, %v", len(page.Keys), err)
	}

	// And to the server again: the sign-in kept in the keychain is used.
	d = h.openSettings()
	d.mode.SetSelected("Serveur du cabinet")
	h.tap(d.apply)
	if h.u.signInScreen != nil || h.u.profileScreen == nil || h.u.profileScreen.server.Text != srv.URL {
		t.Fatal("switching to the server again asks to sign in although the keychain holds a sign-in")
	}
	if _, err := kc.Get(context.Background(), srv.URL); err != nil {
		t.Errorf("the keychain lost the sign-in: %v", err)
	}
}

func TestAServerThatCannotBeReachedAtStartOffersToRetry(t *testing.T) {
	srv := newTestServer(t, nil)
	kc := testKeychain(t, srv)
	h := startServerHarness(t, srv, kc)
	h.signIn()
	h.u.shutdown()
	srv.Stop()

	h2 := startServerHarness(t, srv, kc)
	si := h2.u.signInScreen
	if si == nil || si.status.Text != msg.T(service.MsgUnavailable, nil) || !si.retry.Visible() {
		t.Fatalf("server down at start: sign-in screen %v, says %q", si != nil, si.status.Text)
	}
	if _, err := kc.Get(context.Background(), srv.URL); err != nil {
		t.Errorf("the keychain lost the sign-in while the server was down: %v", err)
	}
	d := h2.openSettings()
	if d.mode.Selected != "Serveur du cabinet" {
		t.Errorf("settings from the sign-in screen show mode %q", d.mode.Selected)
	}
	test.Tap(h2.buttonIn(h2.topOverlay(), "Fermer"))
}

func TestABadServerAddressInThePreferencesLeadsToTheSettings(t *testing.T) {
	h := launch(t, t.TempDir(), func(ctx context.Context, serverURL string) (service.ServerSession, error) {
		_, err := service.NormalizeServerURL(serverURL) // what remote.NewSession checks first
		return nil, err
	}, func(p fyne.Preferences) {
		p.SetString(prefMode, modeServer)
		p.SetString(prefServerURL, "ftp://sesame.cabinet.fr")
	})
	d := h.topOverlay()
	if !textIn(d, msg.T(service.MsgServerURLInvalid, nil)) {
		t.Fatal("a bad address in the preferences is not explained")
	}
	h.tap(h.buttonIn(d, "Paramètres"))
	s := h.u.settings
	if s == nil || s.mode.Selected != "Serveur du cabinet" || s.serverURL.Text != "ftp://sesame.cabinet.fr" {
		t.Fatal("Paramètres does not open the settings on the address to fix")
	}
	test.Tap(h.buttonIn(h.topOverlay(), "Fermer"))
	if !textIn(h.topOverlay(), msg.T(service.MsgServerURLInvalid, nil)) {
		t.Error("closing the settings without a change leaves the window with no way out")
	}
	h.tap(h.buttonIn(h.topOverlay(), "Paramètres"))
	h.u.settings.mode.SetSelected("Ce poste")
	h.tap(h.u.settings.apply)
	if h.u.setupScreen == nil {
		t.Error("choosing Ce poste does not open the local store")
	}
}
