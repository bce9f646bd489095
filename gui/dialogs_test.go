package gui

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sesame/service"
)

// inWindow fails unless o is shown whole inside the window's canvas.
func (h *harness) inWindow(what string, o fyne.CanvasObject) {
	h.t.Helper()
	if !o.Visible() {
		h.t.Errorf("%s is hidden", what)
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	size, canvas := o.Size(), h.win.Canvas().Size()
	if pos.X < 0 || pos.Y < 0 || pos.X+size.Width > canvas.Width+0.5 || pos.Y+size.Height > canvas.Height+0.5 {
		h.t.Errorf("%s at %v size %v is not inside the %v window", what, pos, size, canvas)
	}
}

func TestOneTimeDialogFitsNarrowWindows(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	h.openKeys("Loop APIkey")
	for _, width := range []float32{1366, 1000, 683, 420} {
		h.win.Resize(fyne.NewSize(width, 560))
		h.generate("Clé " + string(rune('A'+int(width)%26)))
		g := h.u.keysScreen.credentials
		if g == nil {
			t.Fatalf("%v px: no one-time dialog", width)
		}
		if d := g.dlg.MinSize(); d.Width > width {
			t.Errorf("%v px: the dialog needs %v px", width, d.Width)
		}
		for name, o := range map[string]fyne.CanvasObject{"Copier (identifiant)": g.copyID, "Copier (secret)": g.copySecret, "Fermer": g.closeBtn, "the identifier": g.id, "the secret": g.secret} {
			h.inWindow(name, o)
		}
		// The secret is never cut: its label is as tall as its wrapped text needs.
		if g.secret.Size().Height+0.5 < g.secret.MinSize().Height {
			t.Errorf("%v px: the secret is %v tall but needs %v", width, g.secret.Size().Height, g.secret.MinSize().Height)
		}
		if g.secret.Wrapping == fyne.TextWrapOff {
			t.Errorf("%v px: the secret does not wrap", width)
		}
		h.closeGenerated()
	}
}

func TestEnterAndEscapeInEveryDialog(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	escape := &fyne.KeyEvent{Name: fyne.KeyEscape}
	press := func(ev *fyne.KeyEvent) {
		h.t.Helper()
		if f := h.win.Canvas().Focused(); f != nil {
			f.TypedKey(ev)
		} else {
			h.win.Canvas().OnTypedKey()(ev)
		}
		h.wait()
	}

	// Paramètres: Escape closes it, from its address field too; Enter closes it when
	// nothing changed.
	h.tap(h.u.profileScreen.settings)
	press(escape)
	if h.topOverlay() != nil {
		t.Error("Escape does not close Paramètres")
	}
	h.tap(h.u.profileScreen.settings)
	d := h.u.settings
	d.mode.SetSelected("Serveur du cabinet")
	h.win.Canvas().Focus(d.serverURL)
	press(escape)
	if h.topOverlay() != nil || backendMode(h.app.Preferences()) != modeLocal {
		t.Error("Escape in the address field does not close Paramètres without a change")
	}
	h.tap(h.u.profileScreen.settings)
	press(&keyReturn)
	if h.topOverlay() != nil {
		t.Error("Enter does not close an unchanged Paramètres")
	}

	// The revocation question: Escape answers no, Enter yes.
	s := h.openKeys("Loop APIkey")
	h.generate("à révoquer")
	h.closeGenerated()
	test.Tap(revokeButton(s.table, 0))
	press(escape)
	if h.topOverlay() != nil || s.table.keys[0].Status != service.StatusActive {
		t.Fatal("Escape does not cancel the revocation")
	}
	// Issue 21, item 8: the irreversible action is not the default: Enter cancels.
	test.Tap(revokeButton(s.table, 0))
	press(&keyReturn)
	if h.topOverlay() != nil || s.table.keys[0].Status != service.StatusActive {
		t.Fatal("Enter on the revocation question revokes, or leaves the question open")
	}
	test.Tap(revokeButton(s.table, 0))
	test.Tap(h.buttonIn(h.topOverlay(), "Révoquer"))
	h.wait()
	if h.topOverlay() != nil || s.table.keys[0].Status != service.StatusRevoked {
		t.Fatal("Révoquer does not revoke")
	}
	// The details: the blue button is the one Enter presses, Fermer.
	s.table.onSelected(widget.TableCellID{Row: 0, Col: 0})
	h.wait()
	if s.details == nil || s.details.closeBtn.Importance != widget.HighImportance {
		t.Fatal("Fermer, which Enter presses, is not the details' default-looking button")
	}
	press(&keyReturn)
	if h.topOverlay() != nil {
		t.Fatal("Enter does not close the details")
	}

	// The one-time dialog: Escape asks, Escape again answers no; Enter asks, Enter
	// answers yes.
	h.generate("clavier")
	g := s.credentials
	press(escape)
	if g.confirm == nil {
		t.Fatal("Escape does not ask before closing the one-time dialog")
	}
	press(escape)
	if g.confirm != nil || s.credentials != g {
		t.Fatal("Escape on the question does not come back to the dialog")
	}
	press(&keyReturn)
	press(&keyReturn)
	if s.credentials != nil || h.topOverlay() != nil {
		t.Fatal("Enter, Enter does not close the one-time dialog")
	}

	// A message: Enter closes it.
	h.u.showMessage("Erreur", "Un message")
	press(&keyReturn)
	if h.topOverlay() != nil {
		t.Error("Enter does not close a message")
	}
}

func TestFocusedButtonsTakeEnter(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	typeInto(s.gen.newName, "par le bouton")
	h.win.Canvas().Focus(s.gen.generate)
	s.gen.generate.TypedKey(&keyReturn)
	h.wait()
	if s.credentials == nil {
		t.Fatal("Enter on the focused Générer does not generate")
	}
	h.closeGenerated()
	var _ *widget.Button = &s.gen.generate.Button
}

// The details of a key in its grace, the one with the most actions, fit a window of
// 683 px, each action in sight.
func TestDetailsFitNarrowWindows(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	h.generate("En grâce")
	h.closeGenerated()
	k := s.table.keys[0]
	if _, err := h.portal().Renew(context.Background(), service.RenewRequest{KeyID: k.ID, Grace: service.GraceWeek, Version: k.Version}); err != nil {
		t.Fatal(err)
	}
	s.table.load(true)
	h.wait()
	for _, width := range []float32{1366, 683} {
		h.win.Resize(fyne.NewSize(width, 700))
		d := h.openDetails("En grâce")
		if w := d.dlg.MinSize().Width; w > width {
			t.Errorf("%v px: the details need %v px", width, w)
		}
		for name, o := range map[string]fyne.CanvasObject{"Mettre fin à la période de grâce": d.endGrace, "Suspendre…": d.suspend,
			"Renouveler le secret": d.renew, "Fermer": d.closeBtn} {
			h.inWindow(fmt.Sprint(width, " px: ", name), o)
		}
		d.dlg.Hide()
	}
}
