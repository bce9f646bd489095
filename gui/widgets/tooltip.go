package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// Tooltip shows a text cut on screen (a long key name) whole, over the page, while
// the pointer rests on it. It is drawn on a layer of plain canvas objects over the
// page, which take no pointer events: nothing under it stops working.
type Tooltip struct {
	layer *fyne.Container
	bg    *canvas.Rectangle
	text  *canvas.Text
}

// NewTooltip is a hidden tooltip; put its layer over a page with Over.
func NewTooltip() *Tooltip {
	t := &Tooltip{bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", color.Black)}
	t.layer = container.NewWithoutLayout(t.bg, t.text)
	t.layer.Hide()
	return t
}

// Over puts the tooltip's layer over page.
func (t *Tooltip) Over(page fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(page, t.layer)
}

// Show shows text just under o.
func (t *Tooltip) Show(text string, o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	pad := theme.Padding() * 2
	t.text.Text = text
	t.text.TextSize = theme.TextSize()
	t.text.Color = theme.Color(theme.ColorNameForeground)
	t.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	t.bg.StrokeColor = theme.Color(theme.ColorNamePlaceHolder)
	t.bg.StrokeWidth = 1
	t.bg.CornerRadius = theme.Padding()
	size := t.text.MinSize().Add(fyne.NewSize(2*pad, pad))
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
	t.text.Move(pos.Add(fyne.NewPos(pad, pad/2)))
	t.text.Resize(t.text.MinSize())
	t.layer.Show()
	t.layer.Refresh()
}

// Hide hides the tooltip.
func (t *Tooltip) Hide() { t.layer.Hide() }

// Shown is the text on show, "" when hidden.
func (t *Tooltip) Shown() string {
	if !t.layer.Visible() {
		return ""
	}
	return t.text.Text
}
