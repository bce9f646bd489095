package gui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/keytext"
	"sesame/gui/widgets"
	"sesame/service"
)

// cell renders a cell of a column of keyColumns and returns it.
func cell(t *keyTable, row, col int) *widgets.Cell {
	o := t.table.CreateCell()
	t.table.UpdateCell(widget.TableCellID{Row: row, Col: shownAt(t, col)}, o)
	c := o.(*widgets.Cell)
	c.Resize(fyne.NewSize(t.table.Size().Width/8, 36))
	return c
}

func TestNewKeyIsShownAndSelectedEvenIfTheCriteriaHideIt(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	h.generate("Paie")
	h.closeGenerated()
	typeInto(s.criteria.name, "paie")
	h.tap(s.criteria.filter)
	h.generate("Synchro banque")
	if s.credentials == nil || !textIn(h.topOverlay(), "95963 FUTUROSCOPE CEDEX") || !textIn(h.topOverlay(), "Loop APIkey") {
		t.Fatal("the one-time dialog does not name the key's tiers and service")
	}
	h.closeGenerated()
	row := s.table.selectedRow()
	if row < 0 || s.table.keys[row].Name != "Synchro banque" {
		t.Fatalf("after closing, the new key is not the selected row (rows %q)", column(s.table, 0))
	}
	if c := cell(s.table, row, 0); isTransparent(c.Background.FillColor) {
		t.Error("the new key's row is not painted as selected")
	}
	// Filtrer again: the criteria rule once more.
	h.tap(s.criteria.filter)
	if got := column(s.table, 0); len(got) != 1 || got[0] != "Paie" {
		t.Errorf("after Filtrer: %q", got)
	}
}

func TestKeyTableBadgesQuietRevokeAndWholeNames(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	long := "Synchronisation nocturne des écritures comptables vers la banque principale du cabinet"
	h.generate(long)
	h.closeGenerated()
	h.generate("Court")
	h.closeGenerated()
	tb := s.table
	if b := revokeButton(tb, 0); b.Importance != widget.LowImportance {
		t.Error("Révoquer is not a quiet action")
	}
	if c := cell(tb, 0, 3); !c.Badge.Visible() || c.Badge.Status() != keytext.Status(service.StatusActive) || !c.Badge.Filled || c.Text.Visible() {
		t.Error("the status is not shown as a badge")
	}
	// The whole name of a cut one shows under the pointer; a short one needs none.
	row := 1
	if tb.keys[0].Name == long {
		row = 0
	}
	c := cell(tb, row, 0)
	c.MouseIn(nil)
	if tb.tip.Shown() != long {
		t.Errorf("hovering a cut name shows %q", tb.tip.Shown())
	}
	c.MouseOut()
	if tb.tip.Shown() != "" {
		t.Error("the whole name stays after the pointer left")
	}
	short := cell(tb, 1-row, 0)
	short.MouseIn(nil)
	if tb.tip.Shown() != "" {
		t.Error("a name shown whole gets a tooltip")
	}
}

func TestKeyTableLoadsMoreAsTheUserScrolls(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	ctx := context.Background()
	for i := range 130 {
		if _, err := h.portal().Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: fmt.Sprintf("clé %03d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	s := h.openKeys("Loop APIkey")
	tb := s.table
	if len(tb.keys) != tb.pageSize {
		t.Fatalf("first page holds %d keys, want %d", len(tb.keys), tb.pageSize)
	}
	for range 3 {
		tb.table.ScrollToBottom()
		h.wait()
	}
	if len(tb.keys) != 130 || tb.next != "" {
		t.Errorf("after scrolling to the end: %d keys loaded, next page %q", len(tb.keys), tb.next)
	}
	if !strings.Contains(tb.count.Text, "130") {
		t.Errorf("the count says %q", tb.count.Text)
	}
}

func TestEmptyTableTellsNoKeyYetFromNoMatch(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	if !strings.Contains(s.table.empty.Text, "pour l'instant") {
		t.Errorf("a service without keys says %q", s.table.empty.Text)
	}
	h.generate("Paie")
	h.closeGenerated()
	typeInto(s.criteria.name, "zzz")
	h.tap(s.criteria.filter)
	if s.table.empty.Text != "Aucune clé d'API ne correspond aux critères." || !s.table.empty.Visible() {
		t.Errorf("no match says %q", s.table.empty.Text)
	}
}

// The action column's header is empty: it takes no keyboard focus (no Tab stop that
// shows nothing); the sortable headers do.
func TestEmptyHeaderIsNoTabStop(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	h.generate("Synchro banque")
	h.closeGenerated()
	kt := s.table
	for pos, col := range kt.cols {
		b := kt.createHeader().(*widgets.Button)
		kt.updateHeader(widget.TableCellID{Row: -1, Col: pos}, b)
		if want := col == actionColumn; b.Disabled() != want {
			t.Errorf("header of column %d (%q): disabled %v, want %v", col, b.Text, b.Disabled(), want)
		}
	}
}
