package widgets

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// A cell's actions stay centred in it as the second one shows and hides (a row's
// key suspended, resumed or handed over): nothing is left where the other was.
func TestCellActionsStayCentred(t *testing.T) {
	test.NewTempApp(t)
	c := NewCell("Révoquer", theme.CancelIcon())
	w := test.NewWindow(c)
	defer w.Close()
	w.Resize(fyne.NewSize(400, 100))
	size := fyne.NewSize(200, 36)
	c.Resize(size)
	c.Action.Show()
	centred := func(what string, objs ...fyne.CanvasObject) {
		t.Helper()
		d := fyne.CurrentApp().Driver()
		cell := d.AbsolutePositionForObject(c)
		left := d.AbsolutePositionForObject(objs[0]).X - cell.X
		last := objs[len(objs)-1]
		right := d.AbsolutePositionForObject(last).X - cell.X + last.Size().Width
		if math.Abs(float64(left-(size.Width-right))) > 1 {
			t.Errorf("%s: the actions span %v to %v of a %v px cell", what, left, right, size.Width)
		}
	}
	centred("Révoquer alone", c.Action)
	c.SetSecond("Suspendre…", theme.MediaPauseIcon(), func() {})
	centred("Suspendre… and Révoquer", c.Second, c.Action)
	c.HideSecond()
	centred("Révoquer alone again", c.Action)
	if c.Second.Visible() {
		t.Error("the second action is still shown")
	}
}
