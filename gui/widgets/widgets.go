package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// HSpace is an invisible strut that keeps a column at least width wide.
func HSpace(width float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(width, 0))
	return r
}

// TopCentered is a screen's column centred across the window from its top, scrolling
// when the window is too short: what appears under the column (a waiting panel, an
// error) pushes nothing above it, so the control the user is about to click stays
// where it was.
func TopCentered(column fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVScroll(container.NewPadded(container.NewHBox(layout.NewSpacer(), column, layout.NewSpacer())))
}

// VSpace is an invisible strut that keeps a row at least height tall.
func VSpace(height float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(0, height))
	return r
}

// TableRowHeight is about one row of a table, its header included.
const TableRowHeight = 40

// Opaque puts o on the theme's background, e.g. to write over a table's grid lines.
func Opaque(o fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	return container.NewStack(bg, container.NewPadded(o))
}

// Heading is a screen's title line.
func Heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// Wrapped is a label that wraps long sentences inside a dialog.
func Wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// Muted is secondary text (a hint): quieter than the rest, yet readable (the
// theme's placeholder colour reaches 4.5:1), wrapping.
func Muted(text string) *widget.RichText {
	r := widget.NewRichText(&widget.TextSegment{Text: text,
		Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, Inline: false}})
	r.Wrapping = fyne.TextWrapWord
	return r
}

// FieldTitle names the value under it.
func FieldTitle(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

// FieldError is a red label shown under a form field while it holds an error; put
// it in a NewErrorLine, which keeps its room so that nothing moves when it shows.
func FieldError() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// ShowFieldText shows text in l, or hides l for "", and lays the window out again
// when l appears or disappears (containers do not follow their children's size).
func ShowFieldText(l *widget.Label, text string) {
	wasVisible := l.Visible()
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
	if wasVisible != l.Visible() {
		Relayout(l)
	}
}

// Relayout lays out again the window holding o, after o changed size.
func Relayout(o fyne.CanvasObject) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(o); c != nil && c.Content() != nil {
		c.Content().Refresh()
	}
}

// keySVG is a key drawn in the theme's foreground colour, for the catalogue's
// "Clés d'API" buttons.
const keySVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000000" d="M7 14a2 2 0 1 1 0-4 2 2 0 0 1 0 4zm5.65-4A6 6 0 0 0 1 12a6 6 0 0 0 11.65 2H17v3h3v-3h2v-4z"/></svg>`

// KeyIcon is the resource of keySVG.
var KeyIcon = theme.NewThemedResource(fyne.NewStaticResource("key.svg", []byte(keySVG)))
