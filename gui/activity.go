package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// activityHeight is the thickness of the progress line.
const activityHeight = 4

// activity is a thin progress line that takes the same room running or not, so that
// nothing moves when work starts or ends.
type activity struct {
	bar *widget.ProgressBarInfinite
	box *fyne.Container
}

func newActivity() *activity {
	a := &activity{bar: widget.NewProgressBarInfinite()}
	a.bar.Stop()
	a.bar.Hide()
	space := canvas.NewRectangle(color.Transparent)
	space.SetMinSize(fyne.NewSize(0, activityHeight))
	a.box = container.New(&thinLayout{}, space, a.bar)
	return a
}

// object is what a screen lays out.
func (a *activity) object() fyne.CanvasObject { return a.box }

// running reports whether the line moves.
func (a *activity) running() bool { return a.bar.Visible() }

// Start shows the line moving.
func (a *activity) Start() {
	a.bar.Show()
	a.bar.Start()
}

// Stop hides the line.
func (a *activity) Stop() {
	a.bar.Stop()
	a.bar.Hide()
}

// showBusy disables controls and shows bar moving while on; off undoes both.
func showBusy(on bool, bar *activity, controls ...fyne.Disableable) {
	for _, c := range controls {
		if on {
			c.Disable()
		} else {
			c.Enable()
		}
	}
	if on {
		bar.Start()
	} else {
		bar.Stop()
	}
}

// thinLayout gives every object the whole width and activityHeight.
type thinLayout struct{}

func (thinLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(size.Width, activityHeight))
	}
}

func (thinLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, activityHeight) }
