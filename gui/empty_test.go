package gui

import (
	"testing"
	"time"
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
