package gui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"

	"sesame/service"
)

// statusColumn is the Statut column of the key table.
const statusColumn = 3

// A key suspended (through the Portal: the desktop has no button for it yet) stays
// in the table under the default criteria, its Statut « Suspendue », and the criteria's
// summary keeps naming the three boxes.
func TestSuspendedKeyStaysListed(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	h.generate("Suspendue")
	h.closeGenerated()
	h.generate("Active")
	h.closeGenerated()
	k := s.table.keys[rowOf(t, s.table, "Suspendue")]
	if _, err := h.portal().Suspend(context.Background(), service.SuspendRequest{KeyID: k.ID, Reason: "Contrôle"}); err != nil {
		t.Fatal(err)
	}
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
	h.wait()
	if len(s.table.keys) != 2 {
		t.Fatalf("%d rows after the suspension, want 2", len(s.table.keys))
	}
	if got := s.table.cellText(rowOf(t, s.table, "Suspendue"), statusColumn); got != "Suspendue" {
		t.Errorf("the suspended key's Statut says %q", got)
	}
	if got := s.table.cellText(rowOf(t, s.table, "Active"), statusColumn); got != "Active" {
		t.Errorf("the other key's Statut says %q", got)
	}
	if !containsAll(s.criteria.summary.Text, "Active, Expirée, Révoquée") {
		t.Errorf("summary %q", s.criteria.summary.Text)
	}
}
