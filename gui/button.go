package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// button is Fyne's button that a keyboard user can see and press: a ring in the
// theme's focus-ring colour while it has the focus (Tab), Enter or Space presses it,
// Escape runs escape when set (a dialog's cancel), and F1 opens the guide.
type button struct {
	widget.Button
	focused bool
	escape  func()
}

// newButton is a button with text and, if not nil, an icon.
func newButton(text string, icon fyne.Resource, tapped func()) *button {
	b := &button{}
	b.Text, b.Icon, b.OnTapped = text, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// FocusGained implements fyne.Focusable.
func (b *button) FocusGained() {
	b.focused = true
	b.Button.FocusGained()
}

// FocusLost implements fyne.Focusable.
func (b *button) FocusLost() {
	b.focused = false
	b.Button.FocusLost()
}

// TypedKey implements fyne.Focusable: Enter and Space press the button, Escape
// cancels the dialog it is in.
func (b *button) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		if !b.Disabled() && b.OnTapped != nil {
			b.OnTapped()
		}
	case fyne.KeyEscape:
		if b.escape != nil {
			b.escape()
		}
	case fyne.KeyF1:
		toWindow(b, ev)
	}
}

// CreateRenderer implements fyne.Widget: Fyne's button with the focus ring over it.
func (b *button) CreateRenderer() fyne.WidgetRenderer {
	ring := canvas.NewRectangle(color.Transparent)
	ring.StrokeWidth = 2
	ring.Hide()
	return &ringRenderer{WidgetRenderer: b.Button.CreateRenderer(), ring: ring, b: b}
}

// ringRenderer draws a focus ring over a button.
type ringRenderer struct {
	fyne.WidgetRenderer
	ring *canvas.Rectangle
	b    *button
}

func (r *ringRenderer) Objects() []fyne.CanvasObject {
	inner := r.WidgetRenderer.Objects()
	out := make([]fyne.CanvasObject, 0, len(inner)+1)
	return append(append(out, inner...), r.ring)
}

func (r *ringRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	r.ring.Move(fyne.NewPos(0, 0))
	r.ring.Resize(size)
}

func (r *ringRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	r.ring.StrokeColor = color.Transparent
	radius := theme.SizeForWidget(theme.SizeNameButtonRadius, r.b)
	size := r.b.Size()
	// Drawn only around a focused button big enough for its rounded corners.
	r.ring.Hidden = !r.b.focused || size.Width <= 2*radius || size.Height <= 2*radius
	if r.b.focused {
		r.ring.StrokeColor = theme.ColorForWidget(colorNameFocusRing, r.b)
	}
	r.ring.CornerRadius = radius
	r.ring.Refresh()
}

// entry is Fyne's entry in which Escape runs escape when set (a dialog's cancel),
// as a focused entry would otherwise keep the key to itself, and F1 opens the guide.
type entry struct {
	widget.Entry
	escape func()
}

func newEntry() *entry {
	e := &entry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey implements fyne.Focusable.
func (e *entry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.escape != nil {
		e.escape()
		return
	}
	if ev.Name == fyne.KeyF1 {
		toWindow(e, ev)
		return
	}
	e.Entry.TypedKey(ev)
}
