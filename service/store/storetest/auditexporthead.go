package storetest

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/msg"
	"sesame/service/store"
)

// testAuditExportHeadBefore: a firm's export up to an event (a before cursor) ends
// with the firm's event of the highest number below it, even when that event is
// newer by instant than the cursor's (a desktop's older history imported after
// newer events), and AuditHeadOf is that event; none below, a head of 0.
func testAuditExportHeadBefore(t *testing.T, s store.Store) {
	seed(t, s)
	ctx := t.Context()
	mine := []string{firm, attached}
	// Events 1 and 2 are the firm's, dated after event 3 (another firm's, imported
	// older history); 4 is the firm's again.
	insert(t, s, newKey(t, firm, loop, "Paie", base.Add(2*time.Hour)))
	insert(t, s, newKey(t, attached, loop, "Compta", base.Add(3*time.Hour)))
	insert(t, s, newKey(t, other, paie, "Autre cabinet", base))
	insert(t, s, newKey(t, firm, paie, "Dernière", base.Add(4*time.Hour)))
	evs := chainOf(t, s)

	for _, c := range []struct {
		before int64
		want   service.AuditHead
	}{
		{0, service.AuditHead{Seq: 4, Hash: evs[3].Hash}},
		{3, service.AuditHead{Seq: 2, Hash: evs[1].Hash}},
		{4, service.AuditHead{Seq: 2, Hash: evs[1].Hash}},
		{2, service.AuditHead{Seq: 1, Hash: evs[0].Hash}},
		{1, service.AuditHead{}},
	} {
		if got, err := s.AuditHeadOf(ctx, mine, c.before); err != nil || got != c.want {
			t.Errorf("AuditHeadOf(firm, before %d) = %+v, %v; want %+v", c.before, got, err, c.want)
		}
	}
	if got, err := s.AuditHeadOf(ctx, nil, 0); err != nil || got != (service.AuditHead{}) {
		t.Errorf("AuditHeadOf(no tiers) = %+v, %v; want none", got, err)
	}

	var buf bytes.Buffer
	f := service.AuditFilter{Tiers: mine, Before: 3}
	if err := store.ExportAudit(ctx, s, f, mine, &buf, paris, nil); err != nil {
		t.Fatalf("the firm's ExportAudit before 3: %v", err)
	}
	lines := readExport(t, buf.Bytes())
	var ids []string
	for _, l := range lines[:len(lines)-1] {
		ids = append(ids, l[0])
	}
	head := []string{service.AuditCSVHeadLabel(msg.French), "2", evs[1].Hash}
	if !slices.Equal(ids, []string{"1", "2"}) || !slices.Equal(lines[len(lines)-1], head) {
		t.Fatalf("the firm's export before 3: events %q, last line %q; want events 1 and 2, then the head %q",
			ids, lines[len(lines)-1], head)
	}
}
