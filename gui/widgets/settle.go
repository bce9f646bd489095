package widgets

import "fyne.io/fyne/v2"

// Settle is a layout that lays its objects out with inner again while their minimum
// sizes change as they are laid out (a ColumnsWhenWide that goes from two columns to
// one is taller once laid out at its new width), so that one resize of the window
// ends with every part in the room it needs; three passes at most.
func Settle(inner fyne.Layout) fyne.Layout { return &settle{inner: inner} }

type settle struct{ inner fyne.Layout }

// Layout implements fyne.Layout.
func (l *settle) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for range 3 {
		before := minSizes(objs)
		l.inner.Layout(objs, size)
		after := minSizes(objs)
		same := true
		for i := range before {
			same = same && before[i] == after[i]
		}
		if same {
			return
		}
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
