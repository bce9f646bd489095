package gui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// « Quitter » and Ctrl+Q do what the window's close button does. While a new key's
// secret is shown once, they ask first, and « Non, revenir » keeps the app and the
// secret on screen. Once the app quits, the secret it put on the clipboard is gone and
// the window's size is kept for the next start. Fyne's App.Quit, which they called
// before, closed nothing: the secret was lost without a question and stayed on the
// clipboard.
func TestQuitAsksWhileTheSecretShowsAndClearsTheClipboard(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	h.openKeys("Loop APIkey")
	h.generate("Quitter pendant l'affichage")
	g := h.u.keysScreen.credentials
	if g == nil {
		t.Fatal("no credentials dialog after Générer")
	}
	secret := g.secret.Text
	test.Tap(g.copySecret)
	clip := h.app.Clipboard()
	if clip.Content() != secret {
		t.Fatal("« Copier » did not put the secret on the clipboard")
	}
	open := func() bool { return slices.Contains(h.app.Driver().AllWindows(), h.win) }

	quit := h.menuAction(fyne.KeyQ)
	quit()
	if !open() || !textIn(h.topOverlay(), "Avez-vous bien noté") {
		t.Fatalf("Ctrl+Q while the secret is shown: window open=%v, the question asked=%v", open(), textIn(h.topOverlay(), "Avez-vous bien noté"))
	}
	h.tap(h.buttonIn(h.topOverlay(), "Non, revenir"))
	if !open() || h.u.keysScreen.credentials == nil || g.secret.Text != secret {
		t.Fatal("« Non, revenir » after Ctrl+Q did not keep the app and the secret on screen")
	}

	quit()
	h.tap(h.buttonIn(h.topOverlay(), "Oui, fermer"))
	if open() {
		t.Fatal("« Oui, fermer » after Ctrl+Q left the window open")
	}
	if clip.Content() == secret {
		t.Error("the secret is still on the clipboard after the app quit")
	}
	if w := h.app.Preferences().Float(prefWindowWidth); w != float64(h.win.Canvas().Size().Width) {
		t.Errorf("the window's width kept for the next start is %v, want %v", w, h.win.Canvas().Size().Width)
	}
}
