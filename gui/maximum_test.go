package gui

import (
	"strings"
	"testing"
	"time"
)

// Issue 21, item 6: under a firm maximum of 60 days, "60 jours" is offered; a date
// beyond is refused with the limit said; a date chosen lives through that day, and
// the one-time dialog says until when; a key older than the maximum is flagged.
func TestFirmMaximumLifetime(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	h.onFakeClock(time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local))
	s := h.openKeys("Loop APIkey")
	h.generate("Sans limite") // before the firm sets a maximum: never expires
	h.closeGenerated()

	h.u.showProfile()
	h.wait()
	pf := h.u.profileScreen.policy
	typeInto(pf.days, "60")
	h.tap(pf.apply)
	s = h.openKeys("Loop APIkey")
	if got := strings.Join(s.gen.expiry.choice.Options, "|"); got != "30 jours|60 jours|Date…" {
		t.Errorf("expiry choices under a 60-day maximum: %s", got)
	}
	if got := s.table.cellText(rowOf(t, s.table, "Sans limite"), 4); !strings.Contains(got, "au-delà du maximum") {
		t.Errorf("a key that never expires under a 60-day maximum reads %q", got)
	}

	h.generateWith("Trop loin", "Date…", "01/03/2027")
	if got := s.gen.newNameErr.Text; !strings.Contains(got, "60 jours") || !strings.Contains(got, "25/01/2027") {
		t.Errorf("the refusal of a date beyond the maximum says %q", got)
	}
	h.generateWith("Jusqu'au 17", "Date…", "17/12/2026")
	g := s.credentials
	if g == nil {
		t.Fatal("no one-time dialog")
	}
	if !textIn(h.topOverlay(), "17/12/2026 24:00") {
		t.Error("the one-time dialog does not say until when the key lives")
	}
	h.closeGenerated()
	k := s.table.keys[rowOf(t, s.table, "Jusqu'au 17")]
	if want := time.Date(2026, 12, 18, 0, 0, 0, 0, time.Local); !k.ExpiresAt.Equal(want) {
		t.Errorf("a key given 17/12 expires at %v, want the end of that day", k.ExpiresAt)
	}
	if got := s.table.cellText(rowOf(t, s.table, "Jusqu'au 17"), 4); got != "17/12/2026 24:00" {
		t.Errorf("its Expire le reads %q", got)
	}
	h.generateWith("Dernier jour", "Date…", "25/01/2027") // the last day the maximum allows
	if s.credentials == nil {
		t.Fatalf("the last day the maximum allows is refused: %q", s.gen.newNameErr.Text)
	}
	h.closeGenerated()
}
