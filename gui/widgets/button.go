package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Button is Fyne's button that a keyboard user can see and press: a ring in the
// theme's focus-ring colour while it has the focus (Tab), Enter or Space presses it,
// Escape runs escape when set (a dialog's cancel), and F1 opens the guide.
type Button struct {
	widget.Button
	Focused bool
	Escape  func()
	// Hint, when set, is told when the pointer comes onto the button or leaves it,
	// and when it takes or loses the focus: an icon-only button names itself through
	// it (the pointer and the focus go to the button, not to what holds it).
	Hint func(shown bool)
}

// NewButton is a button with text and, if not nil, an icon.
func NewButton(text string, icon fyne.Resource, tapped func()) *Button {
	b := &Button{}
	b.Text, b.Icon, b.OnTapped = text, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// FocusGained implements fyne.Focusable.
func (b *Button) FocusGained() {
	b.Focused = true
	b.Button.FocusGained()
	b.hint(true)
}

// FocusLost implements fyne.Focusable.
func (b *Button) FocusLost() {
	b.Focused = false
	b.Button.FocusLost()
	b.hint(false)
}

// MouseIn implements desktop.Hoverable.
func (b *Button) MouseIn(ev *desktop.MouseEvent) {
	b.Button.MouseIn(ev)
	b.hint(true)
}

// MouseOut implements desktop.Hoverable.
func (b *Button) MouseOut() {
	b.Button.MouseOut()
	b.hint(false)
}

func (b *Button) hint(shown bool) {
	if b.Hint != nil {
		b.Hint(shown)
	}
}

// TypedKey implements fyne.Focusable: Enter and Space press the button, Escape
// cancels the dialog it is in.
func (b *Button) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		if !b.Disabled() && b.OnTapped != nil {
			b.OnTapped()
		}
	case fyne.KeyEscape:
		if b.Escape != nil {
			b.Escape()
		}
	case fyne.KeyF1, fyne.KeyF5, fyne.KeyF10:
		ToWindow(b, ev)
	}
}

// CreateRenderer implements fyne.Widget: Fyne's button with the focus ring over it.
func (b *Button) CreateRenderer() fyne.WidgetRenderer {
	ring := canvas.NewRectangle(color.Transparent)
	ring.StrokeWidth = 2
	ring.Hide()
	return &ringRenderer{WidgetRenderer: b.Button.CreateRenderer(), ring: ring, b: b}
}

// ringRenderer draws a focus ring over a button.
type ringRenderer struct {
	fyne.WidgetRenderer
	ring *canvas.Rectangle
	b    *Button
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
	r.ring.Hidden = !r.b.Focused || size.Width <= 2*radius || size.Height <= 2*radius
	if r.b.Focused {
		r.ring.StrokeColor = theme.ColorForWidget(ColorNameFocusRing, r.b)
	}
	r.ring.CornerRadius = radius
	r.ring.Refresh()
}

// Entry is Fyne's entry in which Escape runs escape when set (a dialog's cancel),
// as a focused entry would otherwise keep the key to itself, and F1, F5 and F10 reach
// the window (the guide, a refresh, the menu bar).
type Entry struct {
	widget.Entry
	Escape func()
}

// NewEntry is an empty entry.
func NewEntry() *Entry {
	e := &Entry{}
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab implements fyne.Tabbable: never, so that Tab moves to the next field
// from a multi-line entry too (Fyne's own multi-line entry types a tab character,
// which left a keyboard user stuck in the list of allowed addresses).
func (e *Entry) AcceptsTab() bool { return false }

// TypedShortcut implements fyne.Shortcutable: Alt and a letter (a menu's access
// key) reaches the window, as a focused entry would otherwise keep it to itself.
func (e *Entry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier == fyne.KeyModifierAlt {
		if c, ok := fyne.CurrentApp().Driver().CanvasForObject(e).(fyne.Shortcutable); ok {
			c.TypedShortcut(s)
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// TypedKey implements fyne.Focusable.
func (e *Entry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.Escape != nil {
		e.Escape()
		return
	}
	if ev.Name == fyne.KeyF1 || ev.Name == fyne.KeyF5 || ev.Name == fyne.KeyF10 {
		ToWindow(e, ev)
		return
	}
	e.Entry.TypedKey(ev)
}

// ToWindow hands a key that a focused widget does not use (F1) to its window's
// handler, as Fyne gives it only to the focused widget.
func ToWindow(o fyne.CanvasObject, ev *fyne.KeyEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(o); c != nil && c.OnTypedKey() != nil {
		c.OnTypedKey()(ev)
	}
}

// ColorNameFocusRing is the outline drawn around the focused button.
const ColorNameFocusRing fyne.ThemeColorName = "sesame-focus-ring"
