package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ErrorLine keeps one line under a field for its error sentence (a FieldError), as
// Fyne's forms keep their hint line: the sentence appears there without moving what
// is below, and its absence leaves the same room. A sentence longer than the line is
// cut with an ellipsis and shown whole under the pointer, as a tooltip.
type ErrorLine struct {
	widget.BaseWidget
	label *widget.Label
	tip   *widget.PopUp
}

// NewErrorLine keeps the room of one line for l, a FieldError.
func NewErrorLine(l *widget.Label) *ErrorLine {
	l.Wrapping = fyne.TextWrapOff
	l.Truncation = fyne.TextTruncateEllipsis
	e := &ErrorLine{label: l}
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
	w := fyne.MeasureText(e.label.Text, theme.TextSize(), e.label.TextStyle).Width
	return w+2*theme.InnerPadding() > e.Size().Width
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
	width := fyne.Min(fyne.Max(e.Size().Width, 320), c.Size().Width)
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

// Layout gives the label the line, its text in the middle of the height given (a
// button's beside it), the label's own inner padding falling outside the line.
func (r *errorLineRenderer) Layout(size fyne.Size) {
	inner := theme.InnerPadding() - theme.Padding()/2
	line := r.MinSize().Height
	r.e.label.Move(fyne.NewPos(0, (size.Height-line)/2-inner))
	r.e.label.Resize(fyne.NewSize(size.Width, line+2*inner))
}

// MinSize is one line of text, whatever the sentence: no width, so that a long
// sentence does not widen the form.
func (r *errorLineRenderer) MinSize() fyne.Size {
	return fyne.NewSize(0, fyne.MeasureText("Ég", theme.TextSize(), r.e.label.TextStyle).Height+theme.Padding())
}

func (r *errorLineRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.e.label} }

func (r *errorLineRenderer) Refresh() { r.e.label.Refresh() }
