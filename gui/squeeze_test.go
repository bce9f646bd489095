package gui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"sesame/gui/widgets"
)

// Issue 21, item 5: unfolded, the criteria take the room they need when the window
// has it (no scroll, no row cut), Filtrer stays in sight, and the table keeps its
// rows however small the window.
func TestOpenCriteriaAreNotSqueezed(t *testing.T) {
	h := newServerHarness(t)
	s := h.openKeys("Loop APIkey")
	c := s.criteria
	c.showCriteria(true)
	for _, size := range []fyne.Size{{Width: 1366, Height: 768}, {Width: 980, Height: 720}, {Width: 683, Height: 683}, {Width: 683, Height: 480}} {
		h.win.Resize(size)
		h.wait()
		view, need := c.criteriaBody.Objects[0].Size().Height, c.fields.MinSize().Height
		if size.Height >= 720 && view+0.5 < need {
			t.Errorf("%v: the criteria's fields get %v px of the %v they need", size, view, need)
		}
		if table := s.table.content.Size().Height; view+0.5 < need && table > 3.5*widgets.TableRowHeight+1 {
			t.Errorf("%v: the fields get %v px of %v while the table has %v px", size, view, need, table)
		}
		if underScroll(h.win.Content(), c.filter, false) {
			t.Errorf("%v: Filtrer scrolls with the criteria, out of sight", size)
		}
		h.inWindow(fmt.Sprint(size, " Filtrer"), c.filter)
		h.inWindow(fmt.Sprint(size, " Réinitialiser"), c.reset)
		if got := s.table.content.Size().Height; got < 3*widgets.TableRowHeight {
			t.Errorf("%v: the table keeps only %v px", size, got)
		}
	}
}

// underScroll reports whether o is found under a scroll container in the tree of root.
func underScroll(root, o fyne.CanvasObject, in bool) bool {
	if root == o {
		return in
	}
	var kids []fyne.CanvasObject
	switch r := root.(type) {
	case *container.Scroll:
		kids, in = []fyne.CanvasObject{r.Content}, true
	case *fyne.Container:
		kids = r.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(r).Objects()
	}
	for _, k := range kids {
		if underScroll(k, o, in) {
			return true
		}
	}
	return false
}
