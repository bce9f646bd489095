package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sesame/service"
)

// menuAction is what the menu item with that shortcut does, or fails.
func (h *harness) menuAction(key fyne.KeyName) func() {
	h.t.Helper()
	want := shortcut(key).ShortcutName()
	for _, m := range h.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == want {
				return it.Action
			}
		}
	}
	h.t.Fatalf("no menu item has the shortcut %s", want)
	return nil
}

func TestCriteriaApplyOnFiltrerOnlyWithACue(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	h.attachBoulangerie()
	s := h.openKeys("Loop APIkey")
	h.generate("Paie")
	h.closeGenerated()
	if s.criteria.pending.Visible() {
		t.Error("a cue says the criteria changed before any change")
	}
	// Every criterion waits for Filtrer: the select as well as the name and statuses.
	for _, change := range []struct {
		what string
		do   func()
		undo func()
	}{
		{"tiers", func() { s.criteria.tiers.SetSelected("12345 BOULANGERIE MARTIN") }, func() { s.criteria.tiers.SetSelectedIndex(0) }},
		{"status", func() { s.criteria.active.SetChecked(false) }, func() { s.criteria.active.SetChecked(true) }},
		{"name", func() { typeInto(s.criteria.name, "zzz") }, func() { typeInto(s.criteria.name, "") }},
	} {
		change.do()
		h.wait()
		if len(s.table.keys) != 1 || !s.criteria.pending.Visible() {
			t.Errorf("%s changed: %d rows (want the 1 still applied), cue shown=%v", change.what, len(s.table.keys), s.criteria.pending.Visible())
		}
		change.undo()
		if s.criteria.pending.Visible() {
			t.Errorf("%s put back: the cue stays", change.what)
		}
	}
	s.criteria.tiers.SetSelected("12345 BOULANGERIE MARTIN")
	h.tap(s.criteria.filter)
	if len(s.table.keys) != 0 || s.criteria.pending.Visible() || s.criteria.applied.Tiers != "12345" {
		t.Errorf("after Filtrer: %d rows, cue %v, tiers %q", len(s.table.keys), s.criteria.pending.Visible(), s.criteria.applied.Tiers)
	}
	if !containsAll(s.criteria.summary.Text, "12345 BOULANGERIE MARTIN", "Loop APIkey", "Active, En attente, Suspendue, Expirée, Révoquée") {
		t.Errorf("the folded criteria read %q", s.criteria.summary.Text)
	}
	// The new key's tiers and service are named next to Générer.
	if !containsAll(s.gen.target.String(), "12345 BOULANGERIE MARTIN", "Loop APIkey") {
		t.Errorf("the Générer row says %q", s.gen.target.String())
	}
}

func TestCriteriaFoldAndShortcuts(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	if s.criteria.criteriaBody.Visible() || !s.criteria.summary.Visible() {
		t.Fatal("the criteria do not start folded to their summary")
	}
	h.tap(s.criteria.fold)
	if !s.criteria.criteriaBody.Visible() {
		t.Fatal("the fold does not unfold the criteria")
	}
	h.tap(s.criteria.fold)
	// Ctrl+F unfolds them and goes to the name; Ctrl+N goes to the new key's name;
	// Ctrl+, opens Paramètres.
	h.menuAction(fyne.KeyF)()
	if !s.criteria.criteriaBody.Visible() || h.win.Canvas().Focused() != s.criteria.name {
		t.Error("Ctrl+F does not put the cursor in the name criterion")
	}
	h.menuAction(fyne.KeyN)()
	if h.win.Canvas().Focused() != s.gen.newName {
		t.Error("Ctrl+N does not put the cursor in the new key's name")
	}
	h.menuAction(fyne.KeyComma)()
	if h.u.settings == nil || h.topOverlay() == nil {
		t.Fatal("Ctrl+, does not open Paramètres")
	}
	test.Tap(h.buttonIn(h.topOverlay(), "Fermer"))
}

func TestKeysPageFitsSmallScreens(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	for i := range 3 {
		h.generate("Clé " + string(rune('A'+i)))
		h.closeGenerated()
	}
	// The default window fits a 1366×768 screen at 125 % with its taskbar (about
	// 1093×580 logical pixels for the window and its title bar).
	if defaultWindowSize.Width > 1093 || defaultWindowSize.Height > 580-32 {
		t.Errorf("the default window %v does not fit 1366×768 at 125 %%", defaultWindowSize)
	}
	// At the smallest height the page allows, at half a 1366 screen and at the
	// default width, folded or not, every control is inside the window and the table
	// shows a few rows.
	for _, width := range []float32{683, defaultWindowSize.Width} {
		for _, open := range []bool{false, true} {
			s.criteria.showCriteria(open)
			h.win.Resize(fyne.NewSize(width, defaultWindowSize.Height))
			min := s.content.MinSize()
			if min.Width > 683 || min.Height > defaultWindowSize.Height {
				t.Errorf("%v px, criteria open=%v: the page needs %v", width, open, min)
			}
			h.win.Resize(fyne.NewSize(width, min.Height))
			for name, o := range map[string]fyne.CanvasObject{"Générer": s.gen.generate, "the new name": s.gen.newName,
				"the fold": s.criteria.fold, "Retour": s.back} {
				h.inWindow(name, o)
			}
			if open {
				h.inWindow("Filtrer", s.criteria.filter)
				h.inWindow("Réinitialiser", s.criteria.reset)
			}
			if th := s.table.table.Size().Height; th < 3*36 {
				t.Errorf("%v px, criteria open=%v: the table is %v px tall at the smallest window", width, open, th)
			}
		}
	}
	h.win.Resize(defaultWindowSize)
	_ = service.StatusActive
}
