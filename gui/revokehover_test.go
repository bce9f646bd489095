package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sesame/gui/widgets"
)

// In a narrow window Révoquer is an icon alone: the pointer on the icon itself (not
// only on the cell's margin around it) names it, and the icon keeps to its cell.
func TestNarrowRevokeIconIsNamedUnderThePointer(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	h.generate("Paie - Silae")
	h.closeGenerated()
	h.win.Resize(fyne.NewSize(683, 540))
	if !s.table.compact {
		t.Fatal("at 683 px the table does not show Révoquer as its icon alone")
	}
	var revoke *widgets.Button
	var in *widgets.Cell
	for _, c := range drawn[*widgets.Cell](h.win.Canvas().Content()) {
		if c.Action.Visible() {
			revoke, in = c.Action, c
		}
	}
	if revoke == nil {
		t.Fatal("no Révoquer action is drawn in the table")
	}
	if revoke.Text != "" {
		t.Fatalf("at 683 px Révoquer reads %q, want its icon alone", revoke.Text)
	}
	d := fyne.CurrentApp().Driver()
	at, cell := d.AbsolutePositionForObject(revoke), d.AbsolutePositionForObject(in)
	if at.X < cell.X || at.X+revoke.Size().Width > cell.X+in.Size().Width {
		t.Errorf("the icon (%v px wide at x=%v) spills out of its %v px cell at x=%v", revoke.Size().Width, at.X, in.Size().Width, cell.X)
	}
	test.MoveMouse(h.win.Canvas(), at.AddXY(revoke.Size().Width/2, revoke.Size().Height/2))
	if got := s.table.tip.Shown(); got != "Révoquer" {
		t.Errorf("with the pointer on the icon, the tooltip reads %q, want « Révoquer »", got)
	}
	test.MoveMouse(h.win.Canvas(), fyne.NewPos(5, 5))
	if got := s.table.tip.Shown(); got != "" {
		t.Errorf("the pointer left the icon, the tooltip still reads %q", got)
	}
}
