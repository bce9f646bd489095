package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/service"
)

// keyCell is a cell of the key table: text, the status badge, or the quiet revoke
// action, over the row's selection colour. Being a widget of its own, the table hands
// it back as itself (no look-up table that would keep every cell ever made alive).
type keyCell struct {
	widget.BaseWidget
	bg     *canvas.Rectangle
	text   *widget.Label
	badge  *badge
	revoke *button
	hover  func(c *keyCell, in bool) // the pointer came onto the cell, or left it
}

// MouseIn implements desktop.Hoverable.
func (c *keyCell) MouseIn(*desktop.MouseEvent) {
	if c.hover != nil {
		c.hover(c, true)
	}
}

// MouseMoved implements desktop.Hoverable.
func (c *keyCell) MouseMoved(*desktop.MouseEvent) {}

// MouseOut implements desktop.Hoverable.
func (c *keyCell) MouseOut() {
	if c.hover != nil {
		c.hover(c, false)
	}
}

func newKeyCell() *keyCell {
	c := &keyCell{bg: canvas.NewRectangle(color.Transparent), text: widget.NewLabel(""), badge: newBadge(),
		revoke: newButton(lang.L("Révoquer"), theme.CancelIcon(), nil)}
	c.text.Truncation = fyne.TextTruncateEllipsis
	c.revoke.Importance = widget.LowImportance // a quiet action: it asks before acting
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer implements fyne.Widget.
func (c *keyCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.bg, c.text,
		container.NewBorder(nil, nil, container.NewCenter(c.badge), nil), container.NewCenter(c.revoke)))
}

// setCompact shows the revoke action as its icon alone (narrow table) or with its word.
func (c *keyCell) setCompact(on bool) {
	text := lang.L("Révoquer")
	if on {
		text = ""
	}
	if c.revoke.Text != text {
		c.revoke.SetText(text)
	}
}

// setSelected paints the cell as part of the selected row, or not.
func (c *keyCell) setSelected(on bool) {
	var fill color.Color = color.Transparent
	if on {
		fill = theme.ColorForWidget(theme.ColorNameSelection, c)
	}
	if fill != c.bg.FillColor {
		c.bg.FillColor = fill
		c.bg.Refresh()
	}
}

// badge is a key status drawn as a small filled label: "Active" on the success
// colour, "Révoquée" outlined, so that a row's state reads at a glance.
type badge struct {
	widget.BaseWidget
	status service.KeyStatus
	box    *canvas.Rectangle
	text   *canvas.Text
}

func newBadge() *badge {
	b := &badge{box: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", color.Black)}
	b.text.TextStyle.Bold = true
	b.box.StrokeWidth = 1
	b.ExtendBaseWidget(b)
	return b
}

// set shows a status.
func (b *badge) set(s service.KeyStatus) {
	if b.status == s && b.text.Text != "" {
		return
	}
	b.status = s
	b.text.Text = statusText(s)
	b.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (b *badge) CreateRenderer() fyne.WidgetRenderer { return &badgeRenderer{b: b} }

type badgeRenderer struct{ b *badge }

func (r *badgeRenderer) pad() fyne.Size {
	p := theme.SizeForWidget(theme.SizeNameInnerPadding, r.b)
	return fyne.NewSize(p, p/3)
}

func (r *badgeRenderer) Layout(size fyne.Size) {
	r.b.box.Resize(size)
	ts := r.b.text.MinSize()
	r.b.text.Move(fyne.NewPos((size.Width-ts.Width)/2, (size.Height-ts.Height)/2))
	r.b.text.Resize(ts)
}

// MinSize is the size of the widest status, so that the table never lays a cell out
// again when its status changes.
func (r *badgeRenderer) MinSize() fyne.Size {
	size := theme.SizeForWidget(theme.SizeNameCaptionText, r.b) + 1
	var m fyne.Size
	for _, s := range []service.KeyStatus{service.StatusActive, service.StatusExpired, service.StatusRevoked} {
		m = m.Max(fyne.MeasureText(statusText(s), size, fyne.TextStyle{Bold: true}))
	}
	p := r.pad()
	return m.Add(fyne.NewSize(2*p.Width, 2*p.Height))
}

func (r *badgeRenderer) Refresh() {
	b := r.b
	b.text.TextSize = theme.SizeForWidget(theme.SizeNameCaptionText, b) + 1
	b.box.CornerRadius = r.MinSize().Height / 2
	if b.status == service.StatusActive {
		b.box.FillColor = theme.ColorForWidget(theme.ColorNameSuccess, b)
		b.box.StrokeColor = b.box.FillColor
		b.text.Color = theme.ColorForWidget(theme.ColorNameForegroundOnSuccess, b)
	} else {
		b.box.FillColor = color.Transparent
		b.box.StrokeColor = theme.ColorForWidget(theme.ColorNamePlaceHolder, b)
		b.text.Color = theme.ColorForWidget(theme.ColorNameForeground, b)
	}
	b.box.Refresh()
	b.text.Refresh()
	r.Layout(b.Size())
}

func (r *badgeRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.b.box, r.b.text} }
func (r *badgeRenderer) Destroy()                     {}
