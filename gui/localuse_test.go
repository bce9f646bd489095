package gui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/keytext"
	"sesame/service"
)

// Issue 21, item 3: local mode records no use, so it offers neither the grace that
// waits for the new secret's first use nor "Inutilisée depuis"; a server does.
func TestUseBasedChoicesOnlyWhereUseIsRecorded(t *testing.T) {
	forEachBackend(t, func(t *testing.T, h *harness) {
		local := h.server == nil
		s := h.openKeys("Loop APIkey")
		s.criteria.showCriteria(true)
		if got := slices.Contains(test.LaidOutObjects(s.criteria.content), fyne.CanvasObject(s.criteria.unusedDays)); got == local {
			t.Errorf("the criteria offer Inutilisée depuis: %v", got)
		}
		h.generate("À renouveler")
		h.closeGenerated()
		s.table.onSelected(widget.TableCellID{Row: rowOf(t, s.table, "À renouveler"), Col: 0})
		h.wait()
		h.tap(s.details.renew)
		if s.renewing == nil {
			t.Fatal("Renouveler le secret asks nothing")
		}
		firstUse := keytext.GraceChoice(service.GraceFirstUse)
		offered := slices.Contains(s.renewing.grace.Options, firstUse)
		want := keytext.GraceChoice(service.GraceDay)
		if !local {
			want = firstUse
		}
		if offered == local || s.renewing.grace.Selected != want {
			t.Errorf("the renewal offers %v, selects %q; want the first-use grace offered %v and %q selected",
				s.renewing.grace.Options, s.renewing.grace.Selected, !local, want)
		}
	})
}
