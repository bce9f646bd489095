package gui

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
)

// formLabels returns the labels of every form item laid out in o.
func formLabels(o fyne.CanvasObject) []string {
	var out []string
	for _, c := range test.LaidOutObjects(o) {
		if f, ok := c.(*widget.Form); ok {
			for _, it := range f.Items {
				out = append(out, it.Text)
			}
		}
	}
	return out
}

// Issue 21, item 11: the keys page's criteria were labelled « rattaché » in lower
// case among capitalised labels; and the firm maximum's field of a few digits spread
// over ~1,170 px of the profile page.
func TestCriteriaLabelsAndTheMaximumField(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	h.win.Resize(fyne.NewSize(1366, 768))
	s := h.openKeys("Loop APIkey")
	labels := formLabels(s.criteria.criteriaBody)
	if len(labels) < 4 {
		t.Fatalf("the keys page shows the form labels %q", labels)
	}
	for _, l := range labels {
		if r, _ := utf8.DecodeRuneInString(l); l != "" && !unicode.IsUpper(r) {
			t.Errorf("the label %q does not start with a capital", l)
		}
	}

	h.u.showProfile()
	h.wait()
	pf := h.u.profileScreen.policy
	for _, e := range []*widgets.Entry{pf.days, pf.partnerDays} {
		if w := e.Size().Width; w > 200 || w < 60 {
			t.Errorf("at 1366 px a maximum in days gets a field %v px wide", w)
		}
	}
}
