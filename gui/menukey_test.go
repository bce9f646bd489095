package gui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// Issue 21, item 11: F10 opens the menu bar, as in Windows programs: from the page,
// from a field that has the focus (it hands F10 to the window) and from a button; not
// over a dialog. The desktop driver's own toggle is replaced here: the test canvas
// draws no menu bar.
func TestF10OpensTheMenuBar(t *testing.T) {
	forEachBackend(t, testF10OpensTheMenuBar)
}

func testF10OpensTheMenuBar(t *testing.T, h *harness) {
	s := h.openKeys("Loop APIkey")
	opened := 0
	h.u.menuToggle = func() { opened++ }
	f10 := &fyne.KeyEvent{Name: fyne.KeyF10}

	h.win.Canvas().Unfocus()
	h.win.Canvas().OnTypedKey()(f10)
	if opened != 1 {
		t.Fatalf("F10 on the page: the menu bar opened %d times", opened)
	}
	h.win.Canvas().Focus(s.gen.newName)
	s.gen.newName.TypedKey(f10)
	if opened != 2 {
		t.Fatalf("F10 in the new key's name: the menu bar opened %d times", opened-1)
	}
	if s.gen.newName.Text != "" {
		t.Fatalf("F10 typed %q in the field", s.gen.newName.Text)
	}
	h.generate("Banque")
	h.win.Canvas().OnTypedKey()(f10)
	if opened != 2 {
		t.Fatal("F10 opened the menu bar over the one-time dialog")
	}
}
