package gui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
)

// Issue 21, item 9: the journal opened from the keys page goes back to that page, as
// it was; opened from the profile, back to the profile.
func TestJournalGoesBackWhereItWasOpened(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	h.u.onJournalMenu()
	h.wait()
	if h.u.journalScreen == nil || h.win.Content() != h.u.journalScreen.content {
		t.Fatal("Ctrl+J does not open the journal")
	}
	h.tap(h.u.journalScreen.back)
	if h.win.Content() != s.content || h.u.keysScreen != s {
		t.Fatalf("back from the journal opened from the keys page shows %q", h.win.Title())
	}
	if h.u.journalScreen.back.Text != "Retour à la liste des clés d'API" {
		t.Errorf("the journal's back button says %q", h.u.journalScreen.back.Text)
	}
	if h.win.Title() != "Sésame — "+s.windowTitle() {
		t.Errorf("back on the keys page, the window is titled %q", h.win.Title())
	}
	h.u.showProfile()
	h.wait()
	h.u.onJournalMenu()
	h.wait()
	h.tap(h.u.journalScreen.back)
	if h.u.profileScreen == nil || h.win.Content() != h.u.profileScreen.content {
		t.Fatalf("back from the journal opened from the profile shows %q", h.win.Title())
	}
}

// Issue 21, item 9: closing the window while the one-time dialog is open asks whether
// the values were noted; yes closes the window too.
func TestClosingTheWindowOverTheOneTimeDialog(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	h.openKeys("Loop APIkey")
	h.generate("Fermeture")
	g := h.u.keysScreen.credentials
	g.onWindowClose() // what the window's close button calls while the dialog is open
	if g.confirm == nil {
		t.Fatal("closing the window does not ask whether the values were noted")
	}
	h.tap(h.buttonIn(h.topOverlay(), "Non, revenir"))
	if h.u.keysScreen.credentials != g || !slices.Contains(fyne.CurrentApp().Driver().AllWindows(), h.win) {
		t.Fatal("Non, revenir does not come back to the dialog")
	}
	g.onWindowClose()
	h.tap(h.buttonIn(h.topOverlay(), "Oui, fermer"))
	if g.id.Text != "" || g.secret.Text != "" {
		t.Error("the values are still held")
	}
	if slices.Contains(fyne.CurrentApp().Driver().AllWindows(), h.win) {
		t.Error("after Oui, fermer the window stays open")
	}
}
