package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// A row of buttons goes on two rows when narrow, on one when wide, and, laid out
// wide, still lets the window narrow down to its widest button.
func TestWrapRowNarrowsAgain(t *testing.T) {
	test.NewTempApp(t)
	var objs []fyne.CanvasObject
	for range 4 {
		r := canvas.NewRectangle(nil)
		r.SetMinSize(fyne.NewSize(100, 30))
		objs = append(objs, r)
	}
	row := WrapRow(objs...)
	row.Resize(fyne.NewSize(250, 200))
	if h := row.MinSize().Height; h <= 30 {
		t.Errorf("narrow: %v px high, want more than one row", h)
	}
	row.Resize(fyne.NewSize(1000, 200))
	if m := row.MinSize(); m.Height != 30 || m.Width != 100 {
		t.Errorf("laid out wide: min size %v, want one row high and one button wide", m)
	}
}
