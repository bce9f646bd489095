package gui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
)

// placed is where the controls of a screen are and how big: buttons, fields,
// selects, labels and lists, as the user sees them.
func placed(h *harness) map[fyne.CanvasObject]place {
	h.win.Content().Refresh() // lays everything out again, as the next frame would
	d := fyne.CurrentApp().Driver()
	at := map[fyne.CanvasObject]place{}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() { // nor what it holds
			return
		}
		switch o := o.(type) {
		case *widgets.Button, *widget.Button, *widget.Entry, *widgets.Entry, *widget.Select, *widget.Label, *widget.List, *widget.Table, *widget.Check:
			at[o] = place{d.AbsolutePositionForObject(o), o.Size()}
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(o).Objects() {
				walk(c)
			}
		}
	}
	walk(h.win.Content())
	return at
}

// place is where a control is in the window, and its size.
type place struct {
	pos  fyne.Position
	size fyne.Size
}

// steady checks that no control that shows in both moved or changed size.
func steady(t *testing.T, screen string, before, during map[fyne.CanvasObject]place) {
	t.Helper()
	moved := 0
	for o, b := range before {
		if d, ok := during[o]; ok && d != b {
			moved++
			if moved <= 3 {
				t.Errorf("%s: a %T moves when work starts (%v → %v)", screen, o, b, d)
			}
		}
	}
	if len(before) < 3 {
		t.Errorf("%s: only %d controls found", screen, len(before))
	}
}

func TestTheProgressLineMovesNothingWhenWorkStarts(t *testing.T) {
	h := newHarness(t)
	for _, size := range []fyne.Size{fyne.NewSize(1000, 540), fyne.NewSize(683, 700)} {
		h.win.Resize(size)
		s := h.u.setupScreen
		before := placed(h)
		s.busy(true)
		if !s.bar.Running() {
			t.Fatal("the first start shows no progress while it works")
		}
		steady(t, "first start", before, placed(h))
		s.busy(false)
	}
	h.setUpFirm()
	p := h.u.profileScreen
	before := placed(h)
	p.attachBusy(true)
	steady(t, "profile, Rattacher", before, placed(h))
	p.attachBusy(false)

	h.u.showJournal()
	h.wait()
	j := h.u.journalScreen
	if j.status.Visible() {
		t.Error("the journal keeps an empty status line over its buttons")
	}
	before = placed(h)
	j.busy(true)
	steady(t, "journal", before, placed(h))
	j.busy(false)

	ks := h.openKeys("Loop APIkey")
	before = placed(h)
	ks.busy(true)
	steady(t, "keys", before, placed(h))
	ks.busy(false)
}

func TestTheSignInScreenAndSignOutDoNotMoveWhileTheyWork(t *testing.T) {
	s := newTestServer(t, nil)
	h := startServerHarness(t, s, testKeychain(t, s))
	si := h.u.signInScreen
	before := placed(h)
	h.browser.idle = true
	test.Tap(si.signIn)
	select {
	case <-h.browser.opened:
	case <-time.After(10 * time.Second):
		t.Fatal("the browser was never opened")
	}
	h.pumpUntil(func() bool { return si.waiting.Visible() })
	if !si.bar.Running() {
		t.Error("no progress line while the app waits for the browser")
	}
	// The waiting panel opens under the progress line: what is above it stays put.
	line := fyne.CurrentApp().Driver().AbsolutePositionForObject(si.bar.Object()).Y
	for o, p := range before {
		if p.pos.Y > line {
			delete(before, o)
		}
	}
	steady(t, "sign-in", before, placed(h))
	h.tap(si.cancel)

	h.browser.idle = false
	h.signIn()
	p := h.u.profileScreen
	before = placed(h)
	p.signOutBusy(true)
	steady(t, "profile, Se déconnecter", before, placed(h))
	p.signOutBusy(false)
}
