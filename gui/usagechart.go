package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/service"
)

// usageChart is a small bar chart of a key's uses per day, oldest on the left, with
// the total under it.
type usageChart struct {
	widget.BaseWidget
	uses  []service.DailyUse
	total *widget.Label
}

// usageChartHeight is the height of the bars' area.
const usageChartHeight = 60

func newUsageChart(uses []service.DailyUse) *usageChart {
	var sum int64
	for _, u := range uses {
		sum += u.Uses
	}
	c := &usageChart{uses: uses, total: widget.NewLabel(lang.L("{{.N}} utilisations en 30 jours", map[string]any{"N": sum}))}
	c.total.Importance = widget.LowImportance
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer implements fyne.Widget.
func (c *usageChart) CreateRenderer() fyne.WidgetRenderer {
	r := &usageRenderer{c: c, base: canvas.NewLine(theme.Color(theme.ColorNameSeparator))}
	for range c.uses {
		r.bars = append(r.bars, canvas.NewRectangle(theme.Color(theme.ColorNamePrimary)))
	}
	return r
}

type usageRenderer struct {
	c    *usageChart
	bars []*canvas.Rectangle
	base *canvas.Line
}

func (r *usageRenderer) Layout(size fyne.Size) {
	var most int64 = 1
	for _, u := range r.c.uses {
		most = max(most, u.Uses)
	}
	n := float32(len(r.bars))
	if n == 0 {
		return
	}
	slot := size.Width / n
	for i, b := range r.bars {
		h := float32(r.c.uses[i].Uses) / float32(most) * (size.Height - 1)
		if r.c.uses[i].Uses > 0 {
			h = fyne.Max(h, 2)
		}
		b.Move(fyne.NewPos(float32(i)*slot+slot*0.15, size.Height-1-h))
		b.Resize(fyne.NewSize(slot*0.7, h))
	}
	r.base.Position1 = fyne.NewPos(0, size.Height-1)
	r.base.Position2 = fyne.NewPos(size.Width, size.Height-1)
}

func (r *usageRenderer) MinSize() fyne.Size { return fyne.NewSize(150, usageChartHeight) }

func (r *usageRenderer) Refresh() {
	for _, b := range r.bars {
		b.FillColor = theme.Color(theme.ColorNamePrimary)
		b.Refresh()
	}
	r.base.StrokeColor = theme.Color(theme.ColorNameSeparator)
	r.Layout(r.c.Size())
}

func (r *usageRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.base}
	for _, b := range r.bars {
		objs = append(objs, b)
	}
	return objs
}

func (r *usageRenderer) Destroy() {}
