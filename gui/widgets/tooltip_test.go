package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// A tooltip's text wraps at its words to the width it is given, and keeps every word.
func TestTooltipWrapsAtWords(t *testing.T) {
	test.NewTempApp(t)
	width := func(s string) float32 { return fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{}).Width }
	long := "Clé « Échanges ACME » · Tiers 95963 · Service Loop APIkey · Clé partenaire : ACME SAS ; e-mail : jeanne.martin@acme.fr · n° 1"
	for _, c := range []struct {
		text  string
		width float32
		lines int // at least
	}{
		{"Paie", 300, 1},
		{long, width(long) + 1, 1},
		{long, 300, 3},
		{long, 0, 1}, // no room known: one line
		{"unmotbienpluslongquelaplace court", 40, 2},
	} {
		lines := wrapWords(c.text, c.width)
		if len(lines) < c.lines || strings.Join(lines, " ") != strings.Join(strings.Fields(c.text), " ") {
			t.Errorf("%q in %v px: %q", c.text, c.width, lines)
		}
		for _, l := range lines {
			if c.width > 0 && width(l) > c.width && strings.Contains(l, " ") {
				t.Errorf("%q in %v px: the line %q is %v px wide", c.text, c.width, l, width(l))
			}
		}
	}
}
