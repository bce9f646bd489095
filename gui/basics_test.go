package gui

import (
	"testing"

	"fyne.io/fyne/v2"

	"sesame/service"
	"sesame/service/msg"
)

func TestMenuAboutAndWhatTheAppRemembers(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	want := map[string][]string{"Fichier": {"Paramètres…", "Quitter"}, "Affichage": {"Journal"}, "Aide": {"À propos de Sésame"}}
	for _, m := range h.win.MainMenu().Items {
		for _, label := range want[m.Label] {
			found := false
			for _, it := range m.Items {
				found = found || it.Label == label
			}
			if !found {
				t.Errorf("menu %s lacks %s", m.Label, label)
			}
		}
		delete(want, m.Label)
	}
	if len(want) > 0 {
		t.Errorf("menus missing: %v", want)
	}
	h.u.showAbout()
	d := h.topOverlay()
	path := h.app.Storage().RootURI().Path()
	if !textIn(d, h.app.Metadata().Version) || !textIn(d, pathLines(path, '/', aboutPathWidth)) {
		t.Error("À propos shows no version or data folder")
	}
	h.tap(h.buttonIn(d, "Copier le chemin"))
	if got := h.app.Clipboard().Content(); got != path {
		t.Errorf("« Copier le chemin » copied %q, want %q", got, path)
	}
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.topOverlay() != nil {
		t.Error("Escape does not close À propos")
	}

	// The window's size and the last keys page come back at the next start.
	saveWindowSize(h.app.Preferences(), fyne.NewSize(900, 500))
	if got := savedWindowSize(h.app.Preferences()); got != fyne.NewSize(900, 500) {
		t.Errorf("the window's size comes back as %v", got)
	}
	h.openKeys("Loop APIkey")
	last := h.app.Preferences().String(prefLastService)
	h2 := launch(t, h.dir, nil, func(p fyne.Preferences) { p.SetString(prefLastService, last) })
	if h2.u.keysScreen == nil || h2.win.Content() != h2.u.keysScreen.content || h2.u.keysScreen.criteria.origin.Name != "Loop APIkey" {
		t.Errorf("the last keys page is not shown at the next start (window %q)", h2.win.Title())
	}
}

func TestSignInSaysNothingOfTheKeychainBeforeTheUserActs(t *testing.T) {
	s := newTestServer(t, nil)
	h := startServerHarness(t, s, brokenKeychain{})
	si := h.u.signInScreen
	if si == nil {
		t.Fatal("no sign-in screen")
	}
	if si.status.Text == msg.T(service.MsgKeychainUnavailable, nil) || h.topOverlay() != nil {
		t.Errorf("before any action the sign-in screen says %q (dialog %v)", si.status.Text, h.topOverlay() != nil)
	}
}
