package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
)

// WrapRow lays its objects out in a row that goes on to more rows when the room is
// narrow (Fyne's row-wrap layout), yet asks for no more width than its widest
// object: once laid out wide, Fyne's layout asks for the whole row's width, and the
// window could no longer be made narrow again.
func WrapRow(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&wrapRow{inner: layout.NewRowWrapLayout()}, objs...)
}

type wrapRow struct{ inner fyne.Layout }

// Layout implements fyne.Layout.
func (l *wrapRow) Layout(objs []fyne.CanvasObject, size fyne.Size) { l.inner.Layout(objs, size) }

// MinSize implements fyne.Layout: the widest object's width, and the height of the
// rows the last layout made.
func (l *wrapRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objs {
		if o.Visible() {
			w = max(w, o.MinSize().Width)
		}
	}
	return fyne.NewSize(w, l.inner.MinSize(objs).Height)
}
