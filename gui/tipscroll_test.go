package gui

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sesame/gui/widgets"
	"sesame/service"
)

// drawnAt is the drawn object of type T whose area holds pos (absolute), nil if none.
func drawnAt[T fyne.CanvasObject](c fyne.Canvas, pos fyne.Position) T {
	var none T
	c.Capture() // lays out and draws what is on show
	for _, o := range drawn[T](c.Content()) {
		p, s := where(o), o.Size()
		if pos.X >= p.X && pos.X < p.X+s.Width && pos.Y >= p.Y && pos.Y < p.Y+s.Height {
			return o
		}
	}
	return none
}

// The whole name of a cut key name, or the whole journal line, shows under the
// pointer; the mouse wheel then scrolls the list under the still pointer, which now
// rests on another key or event: the tooltip goes, instead of describing a row no
// longer there. The wheel is Fyne's test driver's (test.Scroll), which sends the
// event to the list's own scroller as the desktop driver does.
func TestTooltipGoesWhenTheWheelScrollsTheList(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	ctx := context.Background()
	for i := range 60 {
		name := fmt.Sprintf("Synchronisation nocturne des écritures comptables vers la banque principale %02d", i)
		if _, err := h.portal().Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	s := h.openKeys("Loop APIkey")
	h.win.Resize(fyne.NewSize(683, 600))
	h.wait()
	canvas := h.win.Canvas()

	first := s.table.cellText(0, 0)
	var name *widgets.Cell
	for _, c := range drawn[*widgets.Cell](canvas.Content()) {
		if c.Text.Visible() && c.Text.Text == first {
			name = c
		}
	}
	if name == nil {
		t.Fatalf("the first row's name %q is not drawn", first)
	}
	pointer := where(name).AddXY(4, 4)
	name.MouseIn(nil)
	if s.table.tip.Shown() != first {
		t.Fatalf("hovering the cut name shows %q, want %q", s.table.tip.Shown(), first)
	}
	test.Scroll(canvas, pointer, 0, -300)
	h.wait()
	if under := drawnAt[*widgets.Cell](canvas, pointer); under == nil || under.Text.Text == first {
		t.Fatal("the wheel did not scroll the keys table: the same name is under the pointer")
	}
	if got := s.table.tip.Shown(); got != "" {
		t.Errorf("after the wheel scrolled the table, the tooltip still shows %q", got)
	}

	// The journal: 60 generations and more, one line each.
	h.menuAction(fyne.KeyJ)()
	h.wait()
	j := h.u.journalScreen
	var row *journalRow
	for _, r := range drawn[*journalRow](canvas.Content()) {
		if row == nil || where(r).Y < where(row).Y {
			row = r
		}
	}
	if row == nil {
		t.Fatal("the journal draws no line")
	}
	line := row.detail.Text
	pointer = where(row).AddXY(4, 4)
	row.MouseIn(nil)
	if j.tip.Shown() == "" {
		t.Fatalf("hovering the journal's cut line %q shows nothing", line)
	}
	test.Scroll(canvas, pointer, 0, -300)
	h.wait()
	if under := drawnAt[*journalRow](canvas, pointer); under == nil || under.detail.Text == line {
		t.Fatal("the wheel did not scroll the journal: the same line is under the pointer")
	}
	if got := j.tip.Shown(); got != "" {
		t.Errorf("after the wheel scrolled the journal, the tooltip still shows %q", got)
	}
}
