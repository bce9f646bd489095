package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// ColumnsWhenWide lays out its objects side by side when the width allows each its
// minimum width, one under the other otherwise.
func ColumnsWhenWide(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&wideColumns{}, objs...)
}

// wideColumns is the layout of columnsWhenWide.
type wideColumns struct {
	width  float32 // the width of the last layout
	beside bool    // whether the last layout put the columns side by side
}

func (l *wideColumns) sideBySide(objs []fyne.CanvasObject, width float32) bool {
	var need float32
	for _, o := range objs {
		need = fyne.Max(need, o.MinSize().Width)
	}
	n := float32(len(objs))
	return width > 0 && need*n+theme.Padding()*(n-1) <= width
}

// Layout implements fyne.Layout.
func (l *wideColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	if len(objs) == 0 {
		return
	}
	beside := l.sideBySide(objs, size.Width)
	if beside != l.beside {
		// The height the window gave was for the other arrangement: lay it out again.
		l.beside = beside
		defer Relayout(objs[0])
	}
	pad := theme.Padding()
	if beside {
		n := float32(len(objs))
		w := (size.Width - pad*(n-1)) / n
		for i, o := range objs {
			o.Move(fyne.NewPos(float32(i)*(w+pad), 0))
			o.Resize(fyne.NewSize(w, size.Height))
		}
		return
	}
	var y float32
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + pad
	}
}

// MinSize implements fyne.Layout.
func (l *wideColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, hMax, hSum float32
	for i, o := range objs {
		m := o.MinSize()
		w = fyne.Max(w, m.Width)
		hMax = fyne.Max(hMax, m.Height)
		hSum += m.Height
		if i > 0 {
			hSum += theme.Padding()
		}
	}
	if l.sideBySide(objs, l.width) {
		return fyne.NewSize(w, hMax)
	}
	return fyne.NewSize(w, hSum)
}
