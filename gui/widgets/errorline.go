package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ErrorLine keeps one or two lines under a field for its error sentence (a
// FieldError), as Fyne's forms keep their hint line: the sentence appears there
// without moving what is below, and its absence leaves the same room. A sentence
// longer than the room is kept on one line, cut with an ellipsis, and shown whole
// under the pointer, as a tooltip.
type ErrorLine struct {
	widget.BaseWidget
	label *widget.Label
	lines int
	tip   *widget.PopUp
}

// NewErrorLine keeps the room of one line for l, a FieldError: where height is
// scarce (a dialog of many fields, the keys page).
func NewErrorLine(l *widget.Label) *ErrorLine { return NewErrorLines(l, 1) }

// NewErrorLines keeps the room of lines lines for l, a FieldError: where a page or
// dialog has the height, so that a sentence wraps rather than being cut.
func NewErrorLines(l *widget.Label, lines int) *ErrorLine {
	l.Wrapping = fyne.TextWrapOff
	if lines > 1 {
		l.Wrapping = fyne.TextWrapWord
	}
	l.Truncation = fyne.TextTruncateEllipsis // at the end of the room's last line
	e := &ErrorLine{label: l, lines: max(lines, 1)}
	e.ExtendBaseWidget(e)
	return e
}

// CreateRenderer lays the label over the whole line.
func (e *ErrorLine) CreateRenderer() fyne.WidgetRenderer { return &errorLineRenderer{e} }

// cut reports whether the sentence shown is longer than the line.
func (e *ErrorLine) cut() bool {
	if !e.label.Visible() || e.label.Text == "" {
		return false
	}
	whole := widget.NewLabelWithStyle(e.label.Text, fyne.TextAlignLeading, e.label.TextStyle)
	whole.Wrapping = e.label.Wrapping
	whole.Resize(fyne.NewSize(e.Size().Width, 0))
	if e.label.Wrapping == fyne.TextWrapOff {
		return whole.MinSize().Width > e.Size().Width
	}
	return whole.MinSize().Height > e.MinSize().Height+2*theme.InnerPadding()-theme.Padding()+0.5
}

// MouseIn shows a cut sentence whole under the line.
func (e *ErrorLine) MouseIn(*desktop.MouseEvent) {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil || !e.cut() {
		return
	}
	text := Wrapped(e.label.Text)
	text.Importance = widget.DangerImportance
	e.tip = widget.NewPopUp(text, c)
	whole := fyne.MeasureText(e.label.Text, theme.TextSize(), e.label.TextStyle).Width + 4*theme.InnerPadding() // the label's and the pop-up's
	width := fyne.Min(fyne.Max(e.Size().Width, whole), c.Size().Width)
	text.Resize(fyne.NewSize(width, 0)) // its height, wrapped at that width
	e.tip.Resize(fyne.NewSize(width, text.MinSize().Height))
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e).Add(fyne.NewPos(0, e.Size().Height))
	e.tip.ShowAtPosition(pos)
}

// MouseMoved does nothing: the tooltip stays while the pointer is on the line.
func (e *ErrorLine) MouseMoved(*desktop.MouseEvent) {}

// MouseOut hides the tooltip.
func (e *ErrorLine) MouseOut() {
	if e.tip != nil {
		e.tip.Hide()
		e.tip = nil
	}
}

type errorLineRenderer struct{ e *ErrorLine }

func (r *errorLineRenderer) Destroy() {}

// Layout gives the label the room, its text in the middle of the height given (a
// button's beside it), the label's own inner padding falling outside the room.
func (r *errorLineRenderer) Layout(size fyne.Size) {
	inner := theme.InnerPadding() - theme.Padding()/2
	room := r.MinSize().Height
	r.e.label.Move(fyne.NewPos(0, (size.Height-room)/2-inner))
	r.e.label.Resize(fyne.NewSize(size.Width, room+2*inner))
}

// lineHeight is the height of one line of the sentence's text.
func (r *errorLineRenderer) lineHeight() float32 {
	return fyne.MeasureText("Ég", theme.TextSize(), r.e.label.TextStyle).Height
}

// MinSize is the room kept, whatever the sentence: no width, so that a long
// sentence does not widen the form.
func (r *errorLineRenderer) MinSize() fyne.Size {
	n := float32(r.e.lines)
	return fyne.NewSize(0, n*r.lineHeight()+(n-1)*theme.LineSpacing()+theme.Padding())
}

func (r *errorLineRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.e.label} }

func (r *errorLineRenderer) Refresh() { r.e.label.Refresh() }
