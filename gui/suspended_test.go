package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/keytext"
	"sesame/gui/widgets"
	"sesame/service"
)

// statusColumn is the Statut column of the key table.
const statusColumn = 3

// A key suspended through the Portal (by another administrator, say) stays in the
// table under the default criteria, its Statut « Suspendue »; the criteria's summary
// names the five boxes, and the Suspendue box alone shows it alone.
func TestSuspendedKeyStaysListed(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	h.generate("Suspendue")
	h.closeGenerated()
	h.generate("Active")
	h.closeGenerated()
	k := s.table.keys[rowOf(t, s.table, "Suspendue")]
	if _, err := h.portal().Suspend(context.Background(), service.SuspendRequest{KeyID: k.ID, Reason: "Contrôle"}); err != nil {
		t.Fatal(err)
	}
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
	h.wait()
	if len(s.table.keys) != 2 {
		t.Fatalf("%d rows after the suspension, want 2", len(s.table.keys))
	}
	if got := s.table.cellText(rowOf(t, s.table, "Suspendue"), statusColumn); got != "Suspendue" {
		t.Errorf("the suspended key's Statut says %q", got)
	}
	if got := s.table.cellText(rowOf(t, s.table, "Active"), statusColumn); got != "Active" {
		t.Errorf("the other key's Statut says %q", got)
	}
	if !containsAll(s.criteria.summary.Text, "Active, En attente, Suspendue, Expirée, Révoquée") {
		t.Errorf("summary %q", s.criteria.summary.Text)
	}
	c := s.criteria
	c.active.SetChecked(false)
	c.awaiting.SetChecked(false)
	c.expired.SetChecked(false)
	c.revoked.SetChecked(false)
	h.tap(c.filter)
	if got := column(s.table, 0); len(got) != 1 || got[0] != "Suspendue" || !containsAll(c.summary.Text, "· Suspendue") {
		t.Errorf("Suspendue alone: %q, summary %q", got, c.summary.Text)
	}
	c.active.SetChecked(true)
	c.suspended.SetChecked(false)
	h.tap(c.filter)
	if got := column(s.table, 0); len(got) != 1 || got[0] != "Active" {
		t.Errorf("Active alone: %q", got)
	}
	// The badge is as wide as its longest word: « Suspendue » is not cut.
	if w := widgets.NewBadge(keytext.Status(service.StatusSuspended)).MinSize().Width; s.table.badgeWidth < w {
		t.Errorf("the status badge is %v px, « Suspendue » needs %v", s.table.badgeWidth, w)
	}
}

// openDetails selects the row of the key named name: its details open.
func (h *harness) openDetails(name string) *detailsDialog {
	h.t.Helper()
	s := h.u.keysScreen
	s.table.onSelected(widget.TableCellID{Row: rowOf(h.t, s.table, name)})
	h.wait()
	if s.details == nil || h.topOverlay() == nil {
		h.t.Fatalf("no details for %q", name)
	}
	return s.details
}

// Suspendre… in the details asks for a reason (required), suspends the key, and
// its row says « Suspendue »; Réactiver… brings it back; both are in the journal
// with their reasons.
func TestSuspendAndResumeFromTheDetails(t *testing.T) {
	forEachBackend(t, func(t *testing.T, h *harness) {
		s := h.openKeys("Loop APIkey")
		h.generate("Flux ACME")
		h.closeGenerated()
		d := h.openDetails("Flux ACME")
		if d.resume != nil || d.suspend == nil {
			t.Fatal("an active key's details offer no « Suspendre… », or offer « Réactiver… »")
		}
		h.tap(d.suspend)
		r := s.suspending
		if r == nil || h.win.Canvas().Focused() != r.reason {
			t.Fatal("« Suspendre… » asks for no reason")
		}
		enter(r.reason)
		h.wait()
		if !r.reasonErr.Visible() || r.reasonErr.Text != "Indiquez la raison de la suspension ou de la reprise : elle est inscrite au journal." {
			t.Errorf("a blank reason: %q", r.reasonErr.Text)
		}
		if k := h.storedKey("Flux ACME"); k.Status != service.StatusActive {
			t.Fatalf("suspended without a reason: %q", k.Status)
		}
		// Escape closes it and the key stays active.
		r.reason.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if s.suspending != nil || h.topOverlay() != nil || h.storedKey("Flux ACME").Status != service.StatusActive {
			t.Fatal("Escape does not close the question, or suspends")
		}
		h.tap(h.openDetails("Flux ACME").suspend)
		typeInto(s.suspending.reason, "Fuite signalée par ACME")
		enter(s.suspending.reason)
		h.wait()
		if s.suspending != nil || h.topOverlay() != nil {
			t.Fatal("the question stays open after the suspension")
		}
		if got := s.table.cellText(rowOf(t, s.table, "Flux ACME"), statusColumn); got != "Suspendue" {
			t.Errorf("the row says %q after the suspension", got)
		}
		k := h.storedKey("Flux ACME")
		if k.Status != service.StatusSuspended || k.Suspension == nil || k.Suspension.Reason != "Fuite signalée par ACME" || k.Suspension.By != "Delhumeau Vincent" {
			t.Fatalf("stored: %q %+v", k.Status, k.Suspension)
		}
		d = h.openDetails("Flux ACME")
		if d.suspend != nil || d.renew != nil || d.resume == nil || !textIn(h.topOverlay(), "par Delhumeau Vincent — « Fuite signalée par ACME »") {
			t.Error("a suspended key's details do not say why and by whom, or offer the wrong actions")
		}
		h.tap(d.resume)
		typeInto(s.suspending.reason, "Vérifiée avec ACME")
		h.win.Canvas().Unfocus()
		h.win.Canvas().OnTypedKey()(&keyReturn) // Enter, wherever the focus is
		h.wait()
		if got := s.table.cellText(rowOf(t, s.table, "Flux ACME"), statusColumn); got != "Active" || h.storedKey("Flux ACME").Status != service.StatusActive {
			t.Errorf("after « Réactiver » the row says %q", got)
		}

		h.tap(s.back)
		h.tap(h.u.catalogueScreen.back)
		j := h.openJournal()
		rows := strings.Join(rowTexts(j), "\n")
		if !containsAll(rows, "Suspension", "raison : « Fuite signalée par ACME »", "Réactivation", "raison : « Vérifiée avec ACME »") {
			t.Errorf("the journal says:\n%s", rows)
		}
	})
}
