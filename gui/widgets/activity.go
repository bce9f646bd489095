package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// ActivityHeight is the thickness of the progress line.
const ActivityHeight = 4

// Activity is a thin progress line that takes the same room running or not, so that
// nothing moves when work starts or ends.
type Activity struct {
	Bar *widget.ProgressBarInfinite
	box *fyne.Container
}

// NewActivity is a progress line at rest.
func NewActivity() *Activity {
	a := &Activity{Bar: widget.NewProgressBarInfinite()}
	a.Bar.Stop()
	a.Bar.Hide()
	space := canvas.NewRectangle(color.Transparent)
	space.SetMinSize(fyne.NewSize(0, ActivityHeight))
	a.box = container.New(&thinLayout{}, space, a.Bar)
	return a
}

// Object is what a screen lays out.
func (a *Activity) Object() fyne.CanvasObject { return a.box }

// Running reports whether the line moves.
func (a *Activity) Running() bool { return a.Bar.Visible() }

// Start shows the line moving.
func (a *Activity) Start() {
	a.Bar.Show()
	a.Bar.Start()
}

// Stop hides the line.
func (a *Activity) Stop() {
	a.Bar.Stop()
	a.Bar.Hide()
}

// ShowBusy disables controls and shows bar moving while on; off undoes both.
func ShowBusy(on bool, bar *Activity, controls ...fyne.Disableable) {
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
		o.Resize(fyne.NewSize(size.Width, ActivityHeight))
	}
}

func (thinLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, ActivityHeight) }
