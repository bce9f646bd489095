package gui

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"sesame/service"
)

func TestSortFilterPageAndRevoke(t *testing.T) { forEachBackend(t, testSortFilterPageAndRevoke) }

func testSortFilterPageAndRevoke(t *testing.T, h *harness) {
	s := h.openKeys("Gestion des Utilisateurs - Administration")
	for _, n := range []string{"alpha", "Zeta", "élan", "Bêta"} {
		h.generate(n)
		h.closeGenerated()
	}
	tb := s.table
	if len(tb.keys) != 4 {
		t.Fatalf("table holds %d keys, want 4", len(tb.keys))
	}
	if b := headerButton(tb, 1); b.Icon != theme.MenuDropDownIcon() {
		t.Error("the date column does not show it sorts the table, newest first")
	}

	// Sort by name: ascending, then flipped.
	h.tap(headerButton(tb, 0))
	asc := column(tb, 0)
	if !slices.Equal(asc, []string{"alpha", "Bêta", "élan", "Zeta"}) {
		t.Errorf("sorted by name: %q", asc)
	}
	if b := headerButton(tb, 0); b.Icon != theme.MenuDropUpIcon() {
		t.Error("the name header shows no ascending arrow")
	}
	h.tap(headerButton(tb, 0))
	desc := column(tb, 0)
	slices.Reverse(desc)
	if !slices.Equal(desc, asc) {
		t.Errorf("clicking the header again gives %q, want the reverse of %q", column(tb, 0), asc)
	}
	if b := headerButton(tb, 0); b.Icon != theme.MenuDropDownIcon() {
		t.Error("the name header shows no descending arrow")
	}

	// Criteria: a name (case and accents ignored), Enter filters; reset.
	typeInto(s.criteria.name, "ELAN")
	h.tap(s.criteria.filter)
	if got := column(tb, 0); !slices.Equal(got, []string{"élan"}) {
		t.Errorf("filter ELAN gives %q", got)
	}
	typeInto(s.criteria.name, "zzz")
	enter(s.criteria.name)
	h.wait()
	if len(tb.keys) != 0 || !tb.empty.Visible() || tb.empty.Text != "Aucune clé d'API ne correspond aux critères." {
		t.Errorf("no match: %d rows, empty text %q", len(tb.keys), tb.empty.Text)
	}
	h.tap(s.criteria.reset)
	if s.criteria.name.Text != "" || len(tb.keys) != 4 {
		t.Errorf("after reset: name %q, %d rows", s.criteria.name.Text, len(tb.keys))
	}

	// Revoke "alpha": cancel first, then confirm; the row stays, Révoquée.
	h.tap(headerButton(tb, 0)) // name order again: flips to ascending
	if tb.cellText(0, 0) != "alpha" {
		t.Fatalf("first row %q", tb.cellText(0, 0))
	}
	b := revokeButton(tb, 0)
	if !b.Visible() {
		t.Fatal("an active key has no Révoquer button")
	}
	h.tap(b)
	h.tap(h.buttonIn(h.topOverlay(), "Annuler"))
	if tb.cellText(0, 3) != "Active" {
		t.Fatal("cancelling revoked the key")
	}
	h.tap(revokeButton(tb, 0))
	if !textIn(h.topOverlay(), "« alpha »") {
		t.Error("the confirmation does not name the key")
	}
	h.tap(h.buttonIn(h.topOverlay(), "Révoquer"))
	if tb.cellText(0, 0) != "alpha" || tb.cellText(0, 3) != "Révoquée" {
		t.Fatalf("after revoking, row 0 is %q %q", tb.cellText(0, 0), tb.cellText(0, 3))
	}
	if revokeButton(tb, 0).Visible() {
		t.Error("a revoked key still offers Révoquer")
	}
	k, err := h.portal().ListKeys(context.Background(), service.KeyFilter{Tiers: "95963", Service: s.criteria.applied.Service, NameContains: "alpha"})
	if err != nil || len(k.Keys) != 1 || k.Keys[0].Status != service.StatusRevoked || k.Keys[0].RevokedBy == "" {
		t.Fatalf("stored key after revoking: %+v, %v", k.Keys, err)
	}

	// Status criterion: only the revoked ones, then only the active ones.
	test.Tap(s.criteria.active)
	h.tap(s.criteria.filter)
	if got := column(tb, 0); !slices.Equal(got, []string{"alpha"}) {
		t.Errorf("revoked only: %q", got)
	}
	test.Tap(s.criteria.active)
	test.Tap(s.criteria.revoked)
	h.tap(s.criteria.filter)
	if got := column(tb, 0); len(got) != 3 || slices.Contains(got, "alpha") {
		t.Errorf("active only: %q", got)
	}
	h.tap(s.criteria.reset)

	// Paging: two rows a page; the window has room for more rows, so the table
	// fetches the next pages as their rows come into view, to the last.
	tb.pageSize = 2
	h.tap(s.criteria.filter)
	got := column(tb, 0)
	slices.Sort(got)
	if !slices.Equal(got, []string{"Bêta", "Zeta", "alpha", "élan"}) || tb.more.Visible() {
		t.Errorf("all pages: %q, Afficher plus shown=%v", got, tb.more.Visible())
	}

	// Another tiers: its rattaché is the firm; its table is empty.
	h.tap(h.u.keysScreen.back)
	h.tap(h.u.catalogueScreen.back)
	h.attachBoulangerie()
	s = h.openKeys("Loop APIkey")
	s.criteria.tiers.SetSelected("12345 BOULANGERIE MARTIN")
	h.tap(s.criteria.filter)
	if s.criteria.attached.Text != "95963 FUTUROSCOPE CEDEX" || s.criteria.applied.Tiers != "12345" || len(s.table.keys) != 0 {
		t.Errorf("attached tiers: rattaché %q, filter tiers %q, %d rows", s.criteria.attached.Text, s.criteria.applied.Tiers, len(s.table.keys))
	}
}
