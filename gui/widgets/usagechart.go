package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// UsageChart is a small bar chart of counts per day (a key's uses), oldest on the
// left, with a total line for under it.
type UsageChart struct {
	widget.BaseWidget
	Uses  []int64
	Total *widget.Label
}

// UsageChartHeight is the height of the bars' area.
const UsageChartHeight = 60

// NewUsageChart draws uses, one bar a day; total is the line that sums them up.
func NewUsageChart(uses []int64, total string) *UsageChart {
	c := &UsageChart{Uses: uses, Total: widget.NewLabel(total)}
	c.Total.Importance = widget.LowImportance
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer implements fyne.Widget.
func (c *UsageChart) CreateRenderer() fyne.WidgetRenderer {
	r := &usageRenderer{c: c, base: canvas.NewLine(theme.Color(theme.ColorNameSeparator))}
	for range c.Uses {
		r.bars = append(r.bars, canvas.NewRectangle(theme.Color(theme.ColorNamePrimary)))
	}
	return r
}

type usageRenderer struct {
	c    *UsageChart
	bars []*canvas.Rectangle
	base *canvas.Line
}

func (r *usageRenderer) Layout(size fyne.Size) {
	var most int64 = 1
	for _, u := range r.c.Uses {
		most = max(most, u)
	}
	n := float32(len(r.bars))
	if n == 0 {
		return
	}
	slot := size.Width / n
	for i, b := range r.bars {
		h := float32(r.c.Uses[i]) / float32(most) * (size.Height - 1)
		if r.c.Uses[i] > 0 {
			h = fyne.Max(h, 2)
		}
		b.Move(fyne.NewPos(float32(i)*slot+slot*0.15, size.Height-1-h))
		b.Resize(fyne.NewSize(slot*0.7, h))
	}
	r.base.Position1 = fyne.NewPos(0, size.Height-1)
	r.base.Position2 = fyne.NewPos(size.Width, size.Height-1)
}

func (r *usageRenderer) MinSize() fyne.Size { return fyne.NewSize(150, UsageChartHeight) }

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
