package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A dialog whose content grows after Show (an error line appears, a list fills) is
// laid out again in the middle of the window: its first line and its buttons stay
// inside it.
func TestDialogThatGrowsStaysInTheWindow(t *testing.T) {
	test.NewTempApp(t)
	for _, size := range []fyne.Size{{Width: 683, Height: 768}, {Width: 683, Height: 480}} {
		w := test.NewTempWindow(t, widget.NewLabel("derrière"))
		w.Resize(size)
		first := widget.NewLabel("Première ligne")
		list := container.NewVBox(first)
		ok := NewButton("Fermer", nil, nil)
		d := NewDialog(w, "Notifications", list, []*Button{ok}, nil, nil)
		d.Show()
		for range 14 {
			list.Add(widget.NewLabel("Une ligne de plus"))
		}
		d.Show() // laid out again, as the app does once its content changed
		pos, c := fyne.CurrentApp().Driver().AbsolutePositionForObject(ok), w.Canvas().Size()
		if pos.Y < 0 || pos.Y+ok.Size().Height > c.Height {
			t.Errorf("%v: « Fermer » at %v (height %v) is outside the window", size, pos, ok.Size().Height)
		}
		if top := fyne.CurrentApp().Driver().AbsolutePositionForObject(first).Y; top < 0 || top > c.Height {
			t.Errorf("%v: the grown dialog's first line at %v is outside the window", size, top)
		}
		d.Hide()
	}
}
