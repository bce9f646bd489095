package storetest

import (
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// testListGraceOver: "Ancien secret encore valable" keeps the keys renewed more than
// N days ago whose old secret still works (waiting for the new one's first use, or a
// grace not over), not those renewed since, whose grace ran out, or that kept no old
// secret; with a status and counted, paged.
func testListGraceOver(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	now := base.Add(60 * 24 * time.Hour)
	day := 24 * time.Hour
	for i, c := range []struct {
		name  string
		at    time.Time // the renewal; zero: never renewed
		keep  bool
		until time.Time
	}{
		{"Attend le premier usage", now.Add(-10 * day), true, time.Time{}},
		{"Grâce encore longue", now.Add(-10 * day), true, now.Add(day)},
		{"Grâce finie", now.Add(-10 * day), true, now.Add(-2 * day)},
		{"Renouvelée hier", now.Add(-day), true, time.Time{}},
		{"Sans ancien secret", now.Add(-10 * day), false, time.Time{}},
		{"Jamais renouvelée", time.Time{}, false, time.Time{}},
		{"Attend aussi", now.Add(-30 * day), true, time.Time{}},
	} {
		k := newKey(t, firm, loop, c.name, base.Add(time.Duration(i)*time.Minute))
		insert(t, s, k)
		if c.at.IsZero() {
			continue
		}
		if _, err := s.RenewKey(ctx, renewal(t, k, 1, c.at, c.keep, c.until), event(k.Key, service.AuditRenew, c.at)); err != nil {
			t.Fatalf("RenewKey(%s): %v", c.name, err)
		}
	}
	all := listAll(t, s, service.KeyFilter{Tiers: firm, Service: loop, Limit: 50, Now: now}.Normalized())
	for _, f := range []service.KeyFilter{
		{GraceOverDays: 7, Limit: 1},
		{GraceOverDays: 7, Statuses: []service.KeyStatus{service.StatusActive}, Sort: service.SortName},
		{GraceOverDays: 20},
	} {
		f.Tiers, f.Service = firm, loop
		f = f.Normalized()
		f.Now = now
		want := expected(all, f)
		checkList(t, f, listAll(t, s, f), want)
		if f.GraceOverDays == 7 && len(want) != 3 {
			t.Fatalf("fixture: %d keys in grace for more than 7 days, want 3", len(want))
		}
	}
}
