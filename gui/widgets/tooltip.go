package widgets

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// Tooltip shows a text cut on screen (a long key name, a journal line) whole, over
// the page, while the pointer rests on it; a text wider than the page wraps at its
// words. It is drawn on a layer of plain canvas objects over the page, which take
// no pointer events: nothing under it stops working.
type Tooltip struct {
	layer *fyne.Container
	bg    *canvas.Rectangle
	lines []*canvas.Text
	shown string
}

// NewTooltip is a hidden tooltip; put its layer over a page with Over.
func NewTooltip() *Tooltip {
	t := &Tooltip{bg: canvas.NewRectangle(color.Transparent)}
	t.layer = container.NewWithoutLayout(t.bg)
	t.layer.Hide()
	return t
}

// Over puts the tooltip's layer over page.
func (t *Tooltip) Over(page fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(page, t.layer)
}

// Show shows text just under o (over it when there is no room under it).
func (t *Tooltip) Show(text string, o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	pad := theme.Padding() * 2
	t.shown = text
	lines := wrapWords(text, t.layer.Size().Width-2*pad)
	for len(t.lines) < len(lines) {
		l := canvas.NewText("", color.Black)
		t.lines = append(t.lines, l)
		t.layer.Add(l)
	}
	var size fyne.Size
	for i, l := range t.lines {
		l.Hidden = i >= len(lines)
		if l.Hidden {
			continue
		}
		l.Text = lines[i]
		l.TextSize = theme.TextSize()
		l.Color = theme.Color(theme.ColorNameForeground)
		m := l.MinSize()
		size = fyne.NewSize(fyne.Max(size.Width, m.Width), size.Height+m.Height)
	}
	size = size.Add(fyne.NewSize(2*pad, pad))
	t.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	t.bg.StrokeColor = theme.Color(theme.ColorNamePlaceHolder)
	t.bg.StrokeWidth = 1
	t.bg.CornerRadius = theme.Padding()
	pos := d.AbsolutePositionForObject(o).Subtract(d.AbsolutePositionForObject(t.layer))
	pos.Y += o.Size().Height
	if max := t.layer.Size().Width - size.Width; pos.X > max {
		pos.X = fyne.Max(0, max)
	}
	if pos.Y+size.Height > t.layer.Size().Height {
		pos.Y = fyne.Max(0, pos.Y-o.Size().Height-size.Height)
	}
	t.bg.Move(pos)
	t.bg.Resize(size)
	y := pos.Y + pad/2
	for _, l := range t.lines {
		if l.Hidden {
			continue
		}
		l.Move(fyne.NewPos(pos.X+pad, y))
		l.Resize(l.MinSize())
		y += l.MinSize().Height
	}
	t.layer.Show()
	t.layer.Refresh()
}

// wrapWords cuts text into lines no wider than width at the theme's text size,
// between words; a word wider than width has a line of its own.
func wrapWords(text string, width float32) []string {
	size := theme.TextSize()
	fits := func(s string) bool { return width <= 0 || fyne.MeasureText(s, size, fyne.TextStyle{}).Width <= width }
	if fits(text) {
		return []string{text}
	}
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case fits(line + " " + w):
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	return append(lines, line)
}

// Hide hides the tooltip; hidden already, it does nothing (a list hides it as each
// row is drawn).
func (t *Tooltip) Hide() {
	if t.layer.Visible() {
		t.layer.Hide()
	}
}

// Shown is the text on show, "" when hidden.
func (t *Tooltip) Shown() string {
	if !t.layer.Visible() {
		return ""
	}
	return t.shown
}

// Box is the tooltip's background, around its text: where the text is drawn.
func (t *Tooltip) Box() fyne.CanvasObject { return t.bg }
