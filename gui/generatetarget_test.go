package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// drawnText is the text a widget draws, its pieces joined.
func drawnText(w fyne.Widget) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *canvas.Text:
			if x.Visible() {
				b.WriteString(x.Text)
			}
		case *fyne.Container:
			for _, k := range x.Objects {
				walk(k)
			}
		case fyne.Widget:
			for _, k := range test.WidgetRenderer(x).Objects() {
				walk(k)
			}
		}
	}
	for _, o := range test.WidgetRenderer(w).Objects() {
		walk(o)
	}
	return b.String()
}

// Issue 21, a look at every screen, item 3: the line over the new key's name names
// its tiers and service whole when the width allows, and drops them whole when it
// does not, in French as in English: never a word cut without « … ».
func TestNewKeyLineDropsTheTiersWhole(t *testing.T) {
	for _, c := range []struct{ language, lead string }{
		{"fr_FR.UTF-8", "Entrer le nom d'une nouvelle clé"},
		{"en_US.UTF-8", "Enter the name of a new key"},
	} {
		t.Run(c.language, func(t *testing.T) {
			inLanguage(t, c.language)
			h := newHarness(t)
			h.setUpFirm()
			s := h.openKeys("Loop APIkey")
			whole := c.lead + " — 95963 FUTUROSCOPE CEDEX · Loop APIkey"
			seen := map[string]bool{}
			for _, width := range []float32{1366, 980, 800, 683, 600} {
				h.win.Resize(fyne.NewSize(width, 768))
				h.wait()
				got := drawnText(s.gen.target)
				seen[got] = true
				if got != whole && got != c.lead && !(strings.HasSuffix(got, "…") && strings.HasPrefix(c.lead, strings.TrimSuffix(got, "…"))) {
					t.Errorf("at %v px the line reads %q: neither %q nor %q", width, got, whole, c.lead)
				}
				if need := widget.NewRichTextWithText(got).MinSize().Width; need > s.gen.target.Size().Width+0.5 {
					t.Errorf("at %v px %q needs %v px of the %v it has", width, got, need, s.gen.target.Size().Width)
				}
			}
			if !seen[whole] {
				t.Errorf("the tiers and service are never named, even at 1366 px (seen %v)", seen)
			}
		})
	}
}
