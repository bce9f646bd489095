package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// newVScrollClearOfBar is a vertical scroll of content that, while content is taller
// than the scroll, gives it the scroll's width less the scroll bar's: Fyne draws
// the bar over the content's right edge, where fields that fill their row would end
// under it.
func newVScrollClearOfBar(content fyne.CanvasObject) *container.Scroll {
	l := &clearOfBar{}
	l.scroll = container.NewVScroll(container.New(l, content))
	return l.scroll
}

// clearOfBar lays its one object out clear of the vertical bar of scroll, when
// scroll has more to show than its height.
type clearOfBar struct{ scroll *container.Scroll }

// gutter is the width kept for the bar: the bar's own when content scrolls, else 0.
func (l *clearOfBar) gutter(content fyne.CanvasObject) float32 {
	if l.scroll == nil || content.MinSize().Height <= l.scroll.Size().Height+0.5 {
		return 0
	}
	return theme.ScrollBarSize()
}

// Layout implements fyne.Layout.
func (l *clearOfBar) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(size.Width-l.gutter(o), size.Height))
	}
}

// MinSize implements fyne.Layout.
func (l *clearOfBar) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		s := o.MinSize()
		m = m.Max(fyne.NewSize(s.Width+l.gutter(o), s.Height))
	}
	return m
}
