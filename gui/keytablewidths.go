// The key table's column widths: tables never size themselves.

package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"sesame/gui/keytext"
	"sesame/gui/widgets"
	"sesame/service"
)

// setWidths chooses the columns the table shows and sizes them (tables never size
// themselves): date, creator, status, expiry, last use and old secret to what they
// show, the name to the rest of the table's width, so that the table fits its window
// without a horizontal scroll. An empty "Ancien secret" and a "Type" with no partner
// key are not shown. When the width runs short, the table gives up room in giveUp's
// order: the "Type", the row's « Suspendre… »/« Réactiver… » (the details keep it),
// the word of "Révoquer" (its icon stays), then whole columns,
// least needed first; what a wide column's departure leaves room for comes back.
// Name, status and the revoke action always
// show; a name too long for its column ends in "…", and the row's details show the
// whole key.
func (t *keyTable) setWidths() {
	th := t.table.Theme()
	size, icon := th.Size(theme.SizeNameText), th.Size(theme.SizeNameInlineIcon)
	pad := th.Size(theme.SizeNamePadding) + th.Size(theme.SizeNameInnerPadding)
	header := func(col int) float32 { // as wide as its button, with the sort's arrow
		b := t.createHeader().(*widgets.Button)
		b.Text, b.Icon = lang.L(keyColumns[col].title), theme.MenuDropDownIcon()
		return b.MinSize().Width
	}
	widest := func(col int, limit float32) float32 {
		w := header(col)
		for row := range t.keys {
			if cw := fyne.MeasureText(t.cellText(row, col), size, fyne.TextStyle{Italic: true}).Width + 2*pad + 4; cw > w {
				w = cw
			}
		}
		return fyne.Min(w, limit)
	}
	widths := make([]float32, len(keyColumns))
	widths[1], widths[2] = widest(1, 240), widest(2, 200)
	if t.badgeWidth == 0 {
		t.badgeWidth = newBadgeWidth()
		t.actionWidth = widgets.NewButton(lang.L("ui.revoquer"), theme.CancelIcon(), nil).MinSize().Width
	}
	widths[3] = fyne.Max(header(3), t.badgeWidth+2*pad)
	widths[4], widths[lastUseColumn], widths[graceColumn] = widest(4, 150), widest(lastUseColumn, 200), widest(graceColumn, 340)
	second := widgets.NewButton("", theme.MediaPauseIcon(), nil).MinSize().Width + th.Size(theme.SizeNamePadding)
	widths[actionColumn] = t.actionWidth + second + pad
	widths[typeColumn] = widest(typeColumn, 260)
	name := fyne.Min(widest(0, 360), minNameWidth)

	// Room for the columns beside the name: the table less the vertical scroll bar,
	// which is drawn over the last column, and the gaps between columns.
	avail := t.width - th.Size(theme.SizeNameScrollBar) - 4
	shown := make([]bool, len(keyColumns))
	for col := range shown {
		shown[col] = true
	}
	t.compact, t.second = false, true
	shown[graceColumn] = !t.graceEmpty() // an empty column says nothing
	shown[typeColumn] = t.anyPartner()   // nor one that says « Cabinet » on every row
	room := func() float32 {
		r, n := avail, 0
		for col := 1; col < len(widths); col++ {
			if shown[col] {
				r -= widths[col]
				n++
			}
		}
		return r - float32(n)*th.Size(theme.SizeNamePadding)
	}
	fullAction := widths[actionColumn]
	var given []int // the steps taken, in giveUp's order
	for _, step := range giveUp {
		if room() >= name {
			break
		}
		if step == dropSecond {
			t.second = false
			widths[actionColumn] = t.actionWidth + pad
		} else if step == compactAction {
			t.compact = true
			widths[actionColumn] = icon + 2*th.Size(theme.SizeNameInnerPadding) + pad
		} else if shown[step] {
			shown[step] = false
		} else {
			continue
		}
		given = append(given, step)
	}
	// A late step may have freed more than was missing (a wide column): what an
	// earlier step gave up comes back, the most needed first, where it still fits,
	// rather than going to the name.
	for i := len(given) - 2; i >= 0; i-- {
		step := given[i]
		if step == dropSecond {
			if !t.compact {
				widths[actionColumn], t.second = fullAction, true
				if room() < name {
					widths[actionColumn], t.second = t.actionWidth+pad, false
				}
			}
			continue
		}
		if step == compactAction {
			widths[actionColumn], t.compact = t.actionWidth+pad, false
			if room() < name {
				widths[actionColumn], t.compact = icon+2*th.Size(theme.SizeNameInnerPadding)+pad, true
			}
			continue
		}
		shown[step] = true
		if room() < name {
			shown[step] = false
		}
	}
	widths[0] = fyne.Max(room(), name)
	t.cols, t.widths = t.cols[:0], t.widths[:0]
	for _, col := range columnOrder {
		if shown[col] {
			t.table.SetColumnWidth(len(t.cols), widths[col])
			t.cols, t.widths = append(t.cols, col), append(t.widths, widths[col])
		}
	}
}

// minNameWidth is the least the name column gets before other columns give way.
const minNameWidth = 180

// compactAction is the step of giveUp that shows "Révoquer" as its icon alone, and
// dropSecond the one that leaves a row's suspend or resume to the details.
const (
	compactAction = -1
	dropSecond    = -2
)

// giveUp is the order in which a narrow table gives up room: the kind (the details
// say it), "Révoquer"'s word, then whole columns: the creator, the old secret, the
// last use, the creation date, the expiry. (The old secret's column shows only while
// a row has one, the kind's while a row is a partner's.)
var giveUp = []int{typeColumn, dropSecond, compactAction, 2, graceColumn, lastUseColumn, 1, 4}

// anyPartner reports whether a loaded key is a partner's.
func (t *keyTable) anyPartner() bool {
	for _, k := range t.keys {
		if k.Kind == service.KindPartner {
			return true
		}
	}
	return false
}

// graceEmpty reports whether no loaded key has an old secret still valid.
func (t *keyTable) graceEmpty() bool {
	for row := range t.keys {
		if t.cellText(row, graceColumn) != "" {
			return false
		}
	}
	return true
}

// column is the column of keyColumns that the table shows at position col, -1 for
// none.
func (t *keyTable) column(col int) int {
	if col < 0 || col >= len(t.cols) {
		return -1
	}
	return t.cols[col]
}

// newBadgeWidth is the width of the widest status badge.
func newBadgeWidth() float32 {
	return widgets.NewBadge(keytext.Statuses()...).MinSize().Width
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
