package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Cell is a cell of a table of records (the keys): text, a status badge, or quiet
// actions (revoke, and a second one beside it: suspend or resume), over the row's
// selection colour. Being a widget of its own, the table hands
// it back as itself (no look-up table that would keep every cell ever made alive).
type Cell struct {
	widget.BaseWidget
	Background *canvas.Rectangle
	Text       *widget.Label
	Badge      *Badge
	Action     *Button
	Second     *Button                // an action before Action (SetSecond); hidden until set
	Hover      func(c *Cell, in bool) // the pointer came onto the cell, or left it
	action     string                 // the action's word, when not compact
	second     string                 // the second action's word, said under the pointer
	actions    *fyne.Container        // the two actions, centred: laid out again when one shows or hides
}

// MouseIn implements desktop.Hoverable.
func (c *Cell) MouseIn(*desktop.MouseEvent) { c.hover(true) }

// MouseMoved implements desktop.Hoverable.
func (c *Cell) MouseMoved(*desktop.MouseEvent) {}

// MouseOut implements desktop.Hoverable.
func (c *Cell) MouseOut() { c.hover(false) }

func (c *Cell) hover(in bool) {
	if c.Hover != nil {
		c.Hover(c, in)
	}
}

// NewCell is a cell whose action reads action with icon, and whose badge is as wide
// as the widest of statuses.
func NewCell(action string, icon fyne.Resource, statuses ...string) *Cell {
	c := &Cell{Background: canvas.NewRectangle(color.Transparent), Text: widget.NewLabel(""), Badge: NewBadge(statuses...),
		Action: NewButton(action, icon, nil), Second: NewButton("", nil, nil), action: action}
	c.Text.Truncation = fyne.TextTruncateEllipsis
	c.Action.Importance = widget.LowImportance // a quiet action: it asks before acting
	c.Second.Importance = widget.LowImportance
	c.Second.Hide()
	// The pointer on an action is the pointer on the cell: Fyne gives it to the
	// button alone, and the words of an icon-only action come from Hover.
	c.Action.Hint = c.hover
	c.Second.Hint = c.hover
	c.actions = container.New(centredRow{}, c.Second, c.Action)
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer implements fyne.Widget.
func (c *Cell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.Background, c.Text,
		container.NewBorder(nil, nil, container.NewCenter(c.Badge), nil), c.actions))
}

// ShowAction shows the revoke action, as its icon alone (compact: a narrow table) or
// with its word, laid out again at its new width.
func (c *Cell) ShowAction(compact bool) {
	text := c.action
	if compact {
		text = ""
	}
	if c.Action.Text != text {
		c.Action.SetText(text)
	}
	c.Action.Show()
	c.relayout() // a hidden action was left out of the last layout
}

// SetSecond sets the second action's word (said under the pointer: the action shows
// its icon alone), icon and what it does, and shows it; a nil tapped hides it.
func (c *Cell) SetSecond(word string, icon fyne.Resource, tapped func()) {
	if tapped == nil {
		c.HideSecond()
		return
	}
	c.second = word
	if c.Second.Icon != icon {
		c.Second.Icon = icon
		c.Second.Refresh()
	}
	c.Second.OnTapped = tapped
	if !c.Second.Visible() {
		c.Second.Show()
		c.relayout()
	}
}

// HideSecond hides the second action.
func (c *Cell) HideSecond() {
	if c.Second.Visible() {
		c.Second.Hide()
		c.relayout()
	}
}

// relayout lays the actions out again, one having shown or hidden.
func (c *Cell) relayout() { c.actions.Refresh() }

// centredRow lays the visible objects out in a row at their minimum sizes, centred
// in the cell both ways: one container, laid out at the cell's own size.
type centredRow struct{}

// Layout implements fyne.Layout.
func (centredRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	total := centredRow{}.MinSize(objs)
	x := (size.Width - total.Width) / 2
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		o.Resize(m)
		o.Move(fyne.NewPos(x, (size.Height-m.Height)/2))
		x += m.Width + theme.Padding()
	}
}

// MinSize implements fyne.Layout.
func (centredRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	n := 0
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		w += m.Width
		h = fyne.Max(h, m.Height)
		n++
	}
	if n > 1 {
		w += float32(n-1) * theme.Padding()
	}
	return fyne.NewSize(w, h)
}

// SetSelected paints the cell as part of the selected row, or not.
func (c *Cell) SetSelected(on bool) {
	var fill color.Color = color.Transparent
	if on {
		fill = theme.ColorForWidget(theme.ColorNameSelection, c)
	}
	if fill != c.Background.FillColor {
		c.Background.FillColor = fill
		c.Background.Refresh()
	}
}

// Badge is a status drawn as a small label: filled with the success colour (a key
// "Active"), or outlined ("Révoquée"), so that a row's state reads at a glance.
type Badge struct {
	widget.BaseWidget
	Filled   bool
	statuses []string // every text it may show: its width is the widest's
	box      *canvas.Rectangle
	text     *canvas.Text
}

// NewBadge is a badge that may show any of statuses.
func NewBadge(statuses ...string) *Badge {
	b := &Badge{box: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", color.Black), statuses: statuses}
	b.text.TextStyle.Bold = true
	b.box.StrokeWidth = 1
	b.ExtendBaseWidget(b)
	return b
}

// Set shows a status, filled or outlined.
func (b *Badge) Set(text string, filled bool) {
	if b.text.Text == text && b.Filled == filled {
		return
	}
	b.text.Text, b.Filled = text, filled
	b.Refresh()
}

// SecondWord is the second action's word.
func (c *Cell) SecondWord() string { return c.second }

// Status is the text on show.
func (b *Badge) Status() string { return b.text.Text }

// CreateRenderer implements fyne.Widget.
func (b *Badge) CreateRenderer() fyne.WidgetRenderer { return &badgeRenderer{b: b} }

type badgeRenderer struct{ b *Badge }

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

// MinSize is the size of the widest status, so that a table never lays a cell out
// again when its status changes.
func (r *badgeRenderer) MinSize() fyne.Size {
	size := theme.SizeForWidget(theme.SizeNameCaptionText, r.b) + 1
	var m fyne.Size
	for _, s := range append([]string{r.b.text.Text}, r.b.statuses...) {
		m = m.Max(fyne.MeasureText(s, size, fyne.TextStyle{Bold: true}))
	}
	p := r.pad()
	return m.Add(fyne.NewSize(2*p.Width, 2*p.Height))
}

func (r *badgeRenderer) Refresh() {
	b := r.b
	b.text.TextSize = theme.SizeForWidget(theme.SizeNameCaptionText, b) + 1
	b.box.CornerRadius = r.MinSize().Height / 2
	if b.Filled {
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
