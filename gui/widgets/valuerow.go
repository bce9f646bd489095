package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ValueRow shows a value with its action button: beside it when the value fits on one
// line next to the button, under it otherwise; the value wraps, so nothing is ever
// cut or pushed out of sight.
func ValueRow(value *widget.Label, action fyne.CanvasObject) *fyne.Container {
	return container.New(&besideOrUnder{value: value}, value, action)
}

// besideOrUnder lays out [value, action] side by side or stacked, by width.
type besideOrUnder struct {
	value *widget.Label
	width float32 // the width of the last layout
}

// oneLine is the width the value needs on a single line.
func (l *besideOrUnder) oneLine() float32 {
	th := l.value.Theme()
	style := l.value.TextStyle
	return fyne.MeasureText(l.value.Text, th.Size(theme.SizeNameText), style).Width +
		2*th.Size(theme.SizeNameInnerPadding) + 2
}

func (l *besideOrUnder) beside(width float32, action fyne.CanvasObject) bool {
	return width > 0 && l.oneLine()+theme.Padding()+action.MinSize().Width <= width
}

// Layout implements fyne.Layout.
func (l *besideOrUnder) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	value, action := objs[0], objs[1]
	am := action.MinSize()
	if l.beside(size.Width, action) {
		vw := size.Width - am.Width - theme.Padding()
		value.Resize(fyne.NewSize(vw, value.MinSize().Height))
		value.Move(fyne.NewPos(0, 0))
		h := fyne.Max(value.MinSize().Height, am.Height)
		value.Resize(fyne.NewSize(vw, h))
		action.Resize(am)
		action.Move(fyne.NewPos(vw+theme.Padding(), (h-am.Height)/2))
		return
	}
	value.Resize(fyne.NewSize(size.Width, value.MinSize().Height))
	value.Resize(fyne.NewSize(size.Width, value.MinSize().Height)) // after wrapping at this width
	value.Move(fyne.NewPos(0, 0))
	action.Resize(am)
	action.Move(fyne.NewPos(0, value.Size().Height+theme.Padding()))
}

// MinSize implements fyne.Layout: the height of the arrangement the last width chose.
func (l *besideOrUnder) MinSize(objs []fyne.CanvasObject) fyne.Size {
	value, action := objs[0], objs[1]
	vm, am := value.MinSize(), action.MinSize()
	if l.beside(l.width, action) {
		return fyne.NewSize(am.Width+theme.Padding()+vm.Width, fyne.Max(vm.Height, am.Height))
	}
	return fyne.NewSize(fyne.Max(vm.Width, am.Width), vm.Height+theme.Padding()+am.Height)
}
