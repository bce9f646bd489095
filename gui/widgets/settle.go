package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// Settle is a layout that lays its objects out with inner again while their minimum
// sizes change as they are laid out (a ColumnsWhenWide that goes from two columns to
// one is taller once laid out at its new width), so that one resize of the window
// ends with every part in the room it needs; three passes at most.
//
// A pass after a change lays every container under the objects out again, even one
// whose size did not change: a container that kept its size keeps the positions an
// earlier pass gave its children from minimum sizes that were stale then (the
// Button row under fields that went from one column to two, left where the taller
// fields ended).
func Settle(inner fyne.Layout) fyne.Layout { return &settle{inner: inner} }

type settle struct{ inner fyne.Layout }

// Layout implements fyne.Layout.
func (l *settle) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	changed := false
	for range 3 {
		before := minSizes(objs)
		l.inner.Layout(objs, size)
		if changed {
			for _, o := range objs {
				layoutAgain(o)
			}
		}
		after := minSizes(objs)
		same := true
		for i := range before {
			same = same && before[i] == after[i]
		}
		if same {
			return
		}
		changed = true
	}
}

// MinSize implements fyne.Layout.
func (l *settle) MinSize(objs []fyne.CanvasObject) fyne.Size { return l.inner.MinSize(objs) }

func minSizes(objs []fyne.CanvasObject) []fyne.Size {
	out := make([]fyne.Size, len(objs))
	for i, o := range objs {
		if o.Visible() {
			out[i] = o.MinSize()
		}
	}
	return out
}

// layoutAgain lays the visible containers of o's tree out at their current sizes,
// from the top down, into the content of scroll containers.
func layoutAgain(o fyne.CanvasObject) {
	if !o.Visible() {
		return
	}
	switch c := o.(type) {
	case *fyne.Container:
		if c.Layout != nil {
			c.Layout.Layout(c.Objects, c.Size())
		}
		for _, k := range c.Objects {
			layoutAgain(k)
		}
	case *container.Scroll:
		layoutAgain(c.Content)
	}
}
