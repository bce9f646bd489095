package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TextCut reports whether l's text needs more than width, the room l is given: a
// label that truncates shows it cut with « … », and a tooltip may show it whole.
func TextCut(l *widget.Label, width float32) bool {
	th := l.Theme()
	need := fyne.MeasureText(l.Text, th.Size(theme.SizeNameText), l.TextStyle).Width + 2*th.Size(theme.SizeNameInnerPadding)
	return need > width+0.5
}
