// The key table's column widths: tables never size themselves.

package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"sesame/service"
)

// setWidths sizes the columns (tables never size themselves): date, creator, status
// and action to what they show, the name to the rest of the table's width, so that
// the table fits its window without a horizontal scroll whenever it can. A name too
// long for its column ends in "…"; the row's details show it whole.
func (t *keyTable) setWidths() {
	th := t.table.Theme()
	size, icon := th.Size(theme.SizeNameText), th.Size(theme.SizeNameInlineIcon)
	pad := th.Size(theme.SizeNamePadding) + th.Size(theme.SizeNameInnerPadding)
	header := func(col int) float32 {
		return fyne.MeasureText(lang.L(keyColumns[col].title), size, fyne.TextStyle{Bold: true}).Width + icon + 3*pad
	}
	widest := func(col int, limit float32) float32 {
		w := header(col)
		for row := range t.keys {
			if cw := fyne.MeasureText(t.cellText(row, col), size, fyne.TextStyle{}).Width + 2*pad + 4; cw > w {
				w = cw
			}
		}
		return fyne.Min(w, limit)
	}
	widths := make([]float32, len(keyColumns))
	widths[1] = widest(1, 240)
	widths[2] = widest(2, 200)
	if t.badgeWidth == 0 {
		t.badgeWidth = newBadgeWidth()
		t.actionWidth = newButton(lang.L("Révoquer"), theme.CancelIcon(), nil).MinSize().Width
	}
	widths[3] = fyne.Max(header(3), t.badgeWidth+2*pad)
	widths[4], widths[lastUseColumn], widths[6] = widest(4, 150), widest(lastUseColumn, 200), widest(6, 280)
	widths[actionColumn] = t.actionWidth + pad
	rest := func() float32 {
		r := t.width - th.Size(theme.SizeNameScrollBar) - 4
		for col := 1; col < len(widths); col++ {
			r -= widths[col] + th.Size(theme.SizeNameSeparatorThickness)
		}
		return r
	}
	// Narrow: "Révoquer" keeps only its icon, the creator gives up some room.
	t.compact = rest() < 180
	if t.compact {
		widths[actionColumn] = th.Size(theme.SizeNameInlineIcon) + 2*th.Size(theme.SizeNameInnerPadding) + pad
		widths[2] = fyne.Min(widths[2], 140)
	}
	widths[0] = fyne.Max(rest(), fyne.Min(widest(0, 360), 160))
	for col, w := range widths {
		t.table.SetColumnWidth(col, w)
	}
}

// newBadgeWidth is the width of the widest status badge.
func newBadgeWidth() float32 {
	b := newBadge()
	var w float32
	for _, s := range []service.KeyStatus{service.StatusActive, service.StatusExpired, service.StatusRevoked} {
		b.set(s)
		w = fyne.Max(w, b.MinSize().Width)
	}
	return w
}

// fitColumns lays the table out at its size, after fitting its columns to it.
type fitColumns struct{ t *keyTable }

// Layout implements fyne.Layout.
func (l *fitColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.t.width {
		l.t.width = size.Width
		l.t.setWidths()
		l.t.table.Refresh()
	}
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// MinSize implements fyne.Layout.
func (l *fitColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m
}
