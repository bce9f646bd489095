package gui

import (
	"testing"

	"fyne.io/fyne/v2/widget"
)

// A double click on a key's row asks for its details twice before the first answer
// comes: one details dialog opens, not two stacked, and closing it shows the page.
func TestDoubleClickOpensOneDetailsDialog(t *testing.T) {
	forEachBackend(t, testDoubleClickOpensOneDetailsDialog)
}

func testDoubleClickOpensOneDetailsDialog(t *testing.T, h *harness) {
	s := h.openKeys("Loop APIkey")
	h.generate("Banque")
	h.closeGenerated()
	before := len(h.win.Canvas().Overlays().List())
	row := widget.TableCellID{Row: rowOf(t, s.table, "Banque")}
	s.table.onSelected(row)
	s.table.onSelected(row)
	h.wait()
	if n := len(h.win.Canvas().Overlays().List()) - before; n != 1 {
		t.Fatalf("a double click opened %d dialogs, want 1", n)
	}
	s.details.dlg.Hide()
	if n := len(h.win.Canvas().Overlays().List()); n != before {
		t.Fatalf("%d dialogs left once the details are closed, want %d", n, before)
	}
	s.table.onSelected(row)
	h.wait()
	if n := len(h.win.Canvas().Overlays().List()) - before; n != 1 {
		t.Fatalf("a later click opened %d dialogs, want 1", n)
	}
}
