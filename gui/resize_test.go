package gui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
)

// Issue 21, a look at every screen, item 1: criteria unfolded in a small window,
// then the window widened (maximised): the page is laid out again as when the
// criteria are unfolded at that size. Réinitialiser and Filtrer stay under the
// fields, the title and the count under them, the table under the title, with no
// empty band between the criteria and the table.
func TestOpenCriteriaFollowAResize(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	for i := range 4 {
		h.generate("Clé " + string(rune('A'+i)))
		h.closeGenerated()
	}
	c := s.criteria
	for _, sizes := range [][]fyne.Size{
		{{Width: 683, Height: 480}, {Width: 1366, Height: 768}},
		{{Width: 1366, Height: 768}, {Width: 683, Height: 480}},
		{{Width: 683, Height: 768}, {Width: 1366, Height: 768}, {Width: 683, Height: 683}},
	} {
		c.showCriteria(false)
		h.win.Resize(sizes[0])
		h.wait()
		c.showCriteria(true)
		for _, size := range sizes[1:] {
			h.win.Resize(size)
			h.wait()
			what := fmt.Sprintf("%v then %v", sizes[0], size)
			h.under(what+": the fields and Filtrer", c.criteriaBody.Objects[0], c.filter)
			h.under(what+": Filtrer and the title", c.filter, s.title)
			h.under(what+": the title and the table", s.title, s.table.content)
			h.under(what+": Filtrer and the count", c.filter, s.table.status)
			gap := where(s.table.content).Y - (where(c.filter).Y + c.filter.Size().Height)
			if limit := s.title.Size().Height + 2*s.table.status.Size().Height; gap > limit {
				t.Errorf("%s: %v px between Filtrer and the table (at most %v: the title's line)", what, gap, limit)
			}
			h.inWindow(what+": Filtrer", c.filter)
		}
	}
}
