package gui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

// Issue 21, item 2: when "Expire avant le" (or a status left out) matches nothing
// while keys exist, the table says that nothing matches, not that there is no key
// yet ("Inutilisée depuis": keytext's TestHidesNone, as local mode has no such field).
func TestEmptyTableTellsNoMatchFromNoKey(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	h.generate("Sans expiration")
	h.closeGenerated()
	c := s.criteria
	for _, tc := range []struct {
		name       string
		set, unset func()
	}{
		{"Expire avant le", func() { typeInto(c.expiresBefore, time.Now().AddDate(0, 0, 5).Format("02/01/2006")) }, func() { typeInto(c.expiresBefore, "") }},
		{"Révoquée and Expirée only", func() { c.active.SetChecked(false) }, func() { c.active.SetChecked(true) }},
	} {
		tc.set()
		h.tap(c.filter)
		if len(s.table.keys) != 0 {
			t.Fatalf("%s: %d rows", tc.name, len(s.table.keys))
		}
		if got := s.table.empty.Text; got != "Aucune clé d'API ne correspond aux critères." {
			t.Errorf("%s matching nothing: the table says %q", tc.name, got)
		}
		tc.unset()
	}
}

// The empty table's sentence fits a narrow window: it wraps within the table, over a
// band that hides the column lines, instead of running past both edges.
func TestEmptyTableSentenceFitsNarrowWindows(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	for _, w := range []float32{683, 1366} {
		h.win.Resize(fyne.NewSize(w, 720))
		h.wait()
		kt := s.table
		if !kt.empty.Visible() || kt.empty.Text == "" {
			t.Fatalf("at %v px the empty table says nothing", w)
		}
		if got, room := kt.empty.MinSize().Width, kt.table.Size().Width; got > room {
			t.Errorf("at %v px the sentence needs %v px of a %v px table: it runs past its edges", w, got, room)
		}
		if kt.empty.Size().Width > kt.table.Size().Width {
			t.Errorf("at %v px the sentence is laid out %v px wide in a %v px table", w, kt.empty.Size().Width, kt.table.Size().Width)
		}
	}
}
