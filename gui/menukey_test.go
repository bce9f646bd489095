package gui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
)

// fakeBar records what the keyboard asked of the menu bar: the test canvas draws
// none.
type fakeBar struct {
	toggles int
	opened  []int
	open    bool
}

func (b *fakeBar) Toggle()       { b.toggles++; b.open = !b.open }
func (b *fakeBar) Dismiss() bool { was := b.open; b.open = false; return was }
func (b *fakeBar) Open(i int)    { b.opened = append(b.opened, i); b.open = true }

// Issue 21, item 11: F10 opens the menu bar, as in Windows programs, from the page
// and from a field that has the focus (it hands F10 to the window, typing nothing);
// Alt and a menu's first letter opens it (Alt+F « Fichier »), and Alt+A takes turns
// between « Affichage » and « Aide » while one of them is open; neither over a
// dialog. (That a focused field hands Alt+letter to the window is seen in the real
// app: the test canvas has no shortcut dispatch of its own.)
func TestMenuBarFromTheKeyboard(t *testing.T) {
	forEachBackend(t, testMenuBarFromTheKeyboard)
}

func testMenuBarFromTheKeyboard(t *testing.T, h *harness) {
	s := h.openKeys("Loop APIkey")
	bar := &fakeBar{}
	h.u.bar = bar
	f10 := &fyne.KeyEvent{Name: fyne.KeyF10}
	keys, menus := menuAccessKeys(h.u.mainMenu())
	if !slices.Equal(keys, []fyne.KeyName{"F", "A"}) || !slices.Equal(menus["A"], []int{1, 2}) {
		t.Fatalf("access keys %v %v, want F (Fichier), then A (Affichage, Aide)", keys, menus)
	}
	alt := func(k fyne.KeyName) { h.u.onMenuLetter(k, menus[k]) }

	h.win.Canvas().Unfocus()
	h.win.Canvas().OnTypedKey()(f10)
	if bar.toggles != 1 {
		t.Fatalf("F10 on the page: the menu bar toggled %d times", bar.toggles)
	}
	bar.open = false
	h.win.Canvas().Focus(s.gen.newName)
	s.gen.newName.TypedKey(f10)
	if bar.toggles != 2 || s.gen.newName.Text != "" {
		t.Fatalf("F10 in the new key's name: %d toggles, %q typed", bar.toggles, s.gen.newName.Text)
	}
	bar.open = false

	alt("F")
	alt("A")
	alt("A")
	alt("A")
	bar.open = false
	alt("A")
	if want := []int{0, 1, 2, 1, 1}; !slices.Equal(bar.opened, want) {
		t.Fatalf("Alt+F, Alt+A ×3, (closed) Alt+A opened menus %v, want %v", bar.opened, want)
	}

	bar.open = false
	h.generate("Banque")
	h.win.Canvas().OnTypedKey()(f10)
	alt("F")
	if bar.toggles != 2 || len(bar.opened) != 5 {
		t.Fatal("the keyboard opened the menu bar over the one-time dialog")
	}
}
