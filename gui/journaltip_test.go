package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"sesame/service"
)

// Issue 21, a look at every screen, item 2: a journal line cut with « … » (a
// partner key's generation, its contact's e-mail and the event's number at the
// end) shows whole under the pointer, inside the window, as a cut key name does in
// the keys table; a line shown whole needs none; the rows keep their height.
func TestJournalCutDetailShowsWholeUnderThePointer(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	h.openKeys("Loop APIkey")
	h.generate("Paie")
	h.closeGenerated()
	h.generatePartner("Échanges ACME", service.Partner{Name: "ACME SAS", SIRET: "73282932000074",
		ContactName: "Jeanne Martin", ContactEmail: "jeanne.martin@acme.fr"})
	h.menuAction(fyne.KeyJ)()
	j := h.u.journalScreen
	if j == nil {
		t.Fatal("Ctrl+J opens no journal")
	}
	h.wait()
	for _, width := range []float32{1366, 683} {
		h.win.Resize(fyne.NewSize(width, 768))
		h.wait()
		h.win.Canvas().Capture() // draws the rows
		var long, short *journalRow
		for _, r := range drawn[*journalRow](h.win.Canvas().Content()) {
			switch {
			case strings.Contains(r.detail.Text, "jeanne.martin@acme.fr"):
				long = r
			case strings.Contains(r.detail.Text, "« Paie »"), strings.Contains(r.detail.Text, "Connexion"):
				if fyne.MeasureText(r.detail.Text, 14, fyne.TextStyle{}).Width < r.detail.Size().Width/2 {
					short = r
				}
			}
		}
		if long == nil {
			var shown []string
			for _, r := range drawn[*journalRow](h.win.Canvas().Content()) {
				shown = append(shown, r.detail.Text)
			}
			t.Fatalf("%v px: no row shows the partner key's generation; window %q, %d events, rows drawn %q",
				width, h.win.Title(), len(j.events), shown)
		}
		if h := long.Size().Height; h > 2*40+1 {
			t.Errorf("%v px: a row is %v px tall", width, h)
		}
		long.MouseIn(nil)
		if got := j.tip.Shown(); got != long.detail.Text {
			t.Errorf("%v px: under the pointer the cut line shows %q, not %q", width, got, long.detail.Text)
		}
		box := j.tip.Box()
		pos, size, win := where(box), box.Size(), h.win.Canvas().Size()
		if pos.X < 0 || pos.Y < 0 || pos.X+size.Width > win.Width+0.5 || pos.Y+size.Height > win.Height+0.5 {
			t.Errorf("%v px: the whole line is drawn at %v, %v: outside the %v window", width, pos, size, win)
		}
		long.MouseOut()
		if j.tip.Shown() != "" {
			t.Errorf("%v px: the whole line stays after the pointer left", width)
		}
		if short == nil && width == 1366 {
			t.Errorf("%v px: no row shows « Paie »'s generation whole", width)
		}
		if short != nil {
			short.MouseIn(nil)
			if got := j.tip.Shown(); got != "" {
				t.Errorf("%v px: a line shown whole gets a tooltip: %q", width, got)
			}
			short.MouseOut()
		}
	}
}
