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

// wheelNotch is how far one notch of a mouse wheel scrolls a list on Windows and
// Linux (Fyne's desktop driver): less than a row of the keys table or the journal.
const wheelNotch = 25

// One notch of the wheel at a time under a still pointer: as soon as the row under
// the pointer is another key's or another event's, the tooltip no longer shows the
// row it was asked for. A notch that brings no new row into view moves the rows all
// the same.
func TestTooltipGoesWhenOneWheelNotchBringsAnotherRowUnderThePointer(t *testing.T) {
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
	// Near the foot of the row: the first notches bring the next row under it.
	pointer := where(name).AddXY(4, name.Size().Height-4)
	name.MouseIn(nil)
	if s.table.tip.Shown() != first {
		t.Fatalf("hovering the cut name shows %q, want %q", s.table.tip.Shown(), first)
	}
	moved := false
	for notch := 1; notch <= 6; notch++ {
		test.Scroll(canvas, pointer, 0, -wheelNotch)
		h.wait()
		under := drawnAt[*widgets.Cell](canvas, pointer)
		if under == nil || under.Text.Text == first {
			continue
		}
		moved = true
		if got := s.table.tip.Shown(); got != "" {
			t.Errorf("keys table, notch %d: %q is under the pointer, the tooltip still shows %q", notch, under.Text.Text, got)
		}
		break
	}
	if !moved {
		t.Fatal("six notches of the wheel did not bring another key under the pointer")
	}

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
	pointer = where(row).AddXY(4, row.Size().Height-4)
	row.MouseIn(nil)
	shown := j.tip.Shown()
	if shown == "" {
		t.Fatalf("hovering the journal's cut line %q shows nothing", line)
	}
	moved = false
	for notch := 1; notch <= 6; notch++ {
		test.Scroll(canvas, pointer, 0, -wheelNotch)
		h.wait()
		under := drawnAt[*journalRow](canvas, pointer)
		if under == nil || under.detail.Text == line {
			continue
		}
		moved = true
		if got := j.tip.Shown(); got != "" {
			t.Errorf("journal, notch %d: %q is under the pointer, the tooltip still shows %q", notch, under.detail.Text, got)
		}
		break
	}
	if !moved {
		t.Fatal("six notches of the wheel did not bring another event under the pointer")
	}
}

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
