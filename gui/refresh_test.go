package gui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"sesame/service/store"
)

// Issue 21, item 4: F5 (or Affichage > Actualiser) reads the list again, so that a use
// the server recorded since shows without opening the details; from a field too.
func TestF5RefreshesTheKeys(t *testing.T) {
	h := newServerHarness(t)
	s := h.openKeys("Loop APIkey")
	h.generate("Servie")
	h.closeGenerated()
	h.generate("Autre")
	h.closeGenerated()
	for i, name := range []string{"Servie", "Autre"} {
		k := s.table.keys[rowOf(t, s.table, name)]
		at := time.Now().Add(-time.Duration(i+1) * 2 * time.Hour)
		if err := h.store().TouchKeys(context.Background(), []store.KeyUse{{ID: k.ID, Version: k.Version, LastAt: at, LastFrom: "203.0.113.7"}}); err != nil {
			t.Fatal(err)
		}
		if got := s.table.cellText(rowOf(t, s.table, name), lastUseColumn); got != "jamais" {
			t.Fatalf("before any refresh %s says %q", name, got)
		}
	}
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
	h.wait()
	if got := s.table.cellText(rowOf(t, s.table, "Servie"), lastUseColumn); got != "il y a 2 h" {
		t.Errorf("after F5 the last use says %q", got)
	}
	// From the name criterion: the field hands F5 to the window.
	if err := h.store().TouchKeys(context.Background(), []store.KeyUse{{ID: s.table.keys[rowOf(t, s.table, "Autre")].ID, Version: 1, LastAt: time.Now().Add(-time.Minute), LastFrom: "203.0.113.7"}}); err != nil {
		t.Fatal(err)
	}
	s.criteria.showCriteria(true)
	h.win.Canvas().Focus(s.criteria.name)
	s.criteria.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF5})
	h.wait()
	if got := s.table.cellText(rowOf(t, s.table, "Autre"), lastUseColumn); got != "il y a 1 min" {
		t.Errorf("after F5 in a field the last use says %q", got)
	}
}
