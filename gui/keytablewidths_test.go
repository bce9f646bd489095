package gui

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/service"
)

// checkFits fails if the key table at the window's width needs a horizontal scroll,
// or cuts a header, a date, a creator, a status, an expiry, a last use or an old
// secret; only a long name may end in "…" (the details show it), and the name keeps
// room to be read.
func checkFits(t *testing.T, h *harness, width float32, label string) {
	t.Helper()
	h.win.Resize(fyne.NewSize(width, 540))
	kt := h.u.keysScreen.table
	th := kt.table.Theme()
	pad := th.Size(theme.SizeNamePadding)
	var total float32
	for i, w := range kt.widths {
		total += w
		if i > 0 {
			total += pad
		}
	}
	if room := kt.table.Size().Width - th.Size(theme.SizeNameScrollBar); total > room || kt.table.Size().Width <= 0 {
		t.Errorf("%s at %v px: the columns take %v px of a %v px table: it scrolls sideways", label, width, total, room)
	}
	text, inner := th.Size(theme.SizeNameText), th.Size(theme.SizeNameInnerPadding)
	for i, col := range kt.cols {
		w := kt.widths[i]
		if title := keyColumns[col].title; title != "" {
			if need := fyne.MeasureText(lang.L(title), text, fyne.TextStyle{Bold: true}).Width + th.Size(theme.SizeNameInlineIcon) + 2*inner; need > w {
				t.Errorf("%s at %v px: the header %q is cut (%v of %v px)", label, width, lang.L(title), w, need)
			}
		}
		switch col {
		case 0:
			if w < minNameWidth {
				t.Errorf("%s at %v px: the name column is %v px", label, width, w)
			}
		case 3:
			if w < kt.badgeWidth {
				t.Errorf("%s at %v px: the status badge is cut", label, width)
			}
		case actionColumn:
		default:
			for row := range kt.keys {
				s := kt.cellText(row, col)
				if need := fyne.MeasureText(s, text, fyne.TextStyle{Italic: true}).Width + 2*inner; need > w {
					t.Errorf("%s at %v px: %q is cut in column %q (%v of %v px)", label, width, s, keyColumns[col].title, w, need)
				}
			}
		}
	}
	for _, col := range []int{0, 3, actionColumn} {
		if !slices.Contains(kt.cols, col) {
			t.Errorf("%s at %v px: column %d is not shown", label, width, col)
		}
	}
}

func TestKeyTableFitsAt1000And683PxWithoutSideScroll(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	for _, n := range []string{"Paie - Silae", "Synchro banque (Qonto)", "Portail clients <prod> pour l'intégration continue"} {
		h.generate(n)
		h.closeGenerated()
	}
	checkFits(t, h, 1000, "local mode")
	if want := []int{0, 1, 2, 3, 4, lastUseColumn, actionColumn}; !slices.Equal(s.table.cols, want) {
		t.Errorf("at 1000 px the table shows columns %v, want %v (every column but an empty Ancien secret)", s.table.cols, want)
	}
	checkFits(t, h, 683, "local mode")
	if !slices.Contains(s.table.cols, 4) || !slices.Contains(s.table.cols, 1) {
		t.Errorf("at 683 px the table drops the expiry or the creation date first (columns %v)", s.table.cols)
	}
	checkFits(t, h, 1366, "local mode")
	if len(s.table.cols) != len(keyColumns)-2 || slices.Contains(s.table.cols, graceColumn) || s.table.compact { // no old secret, no partner key
		t.Errorf("at 1366 px the table shows columns %v, compact %v", s.table.cols, s.table.compact)
	}

	// A renewed key with an old secret in its grace: its column shows when there is
	// room, and the details say it where there is not.
	row := s.table.keys[0]
	if _, err := h.portal().Renew(context.Background(), service.RenewRequest{KeyID: row.ID, Grace: service.GraceWeek, Version: row.Version}); err != nil {
		t.Fatal(err)
	}
	s.table.load(true)
	h.wait()
	checkFits(t, h, 1366, "with an old secret")
	if !slices.Contains(s.table.cols, graceColumn) {
		t.Errorf("at 1366 px the old secret's column is not shown (columns %v)", s.table.cols)
	}
	checkFits(t, h, 1000, "with an old secret")
	// At 1000 px the old secret's column costs room, not the creator as well: a
	// column given up for room is taken back when the room left allows it, rather
	// than left to a wide name.
	t.Logf("at 1000 px with an old secret: columns %v, widths %v", s.table.cols, s.table.widths)
	if !slices.Contains(s.table.cols, 2) || s.table.widths[0] > 2*minNameWidth {
		t.Errorf("at 1000 px with an old secret the table shows columns %v (widths %v): « Créateur » given up while the name takes %v px",
			s.table.cols, s.table.widths, s.table.widths[0])
	}
	checkFits(t, h, 683, "with an old secret")
	s.table.onSelected(widget.TableCellID{Row: rowOf(t, s.table, row.Name)})
	h.wait()
	d := h.topOverlay()
	if !textIn(d, "ancien secret valable jusqu'au") || !textIn(d, "par Delhumeau Vincent") {
		t.Error("the details do not show the old secret's validity and the creator that the narrow table hides")
	}
}
