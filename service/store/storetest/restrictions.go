package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// restrictions normalizes what an administrator typed, failing on any error.
func restrictions(t *testing.T, in service.RestrictionsInput) service.Restrictions {
	t.Helper()
	r, err := service.NormalizeRestrictions(in)
	if err != nil {
		t.Fatalf("NormalizeRestrictions(%+v): %v", in, err)
	}
	return r
}

// testRestrictions: a key's restrictions are stored at generation and read back by
// every reader; SetRestrictions replaces them from the version seen, bumps the
// version, journals the change and announces it.
func testRestrictions(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	k := newKey(t, firm, loop, "Restreinte", base)
	k.Restrictions = restrictions(t, service.RestrictionsInput{
		Addresses: []string{"192.0.2.7", "10.0.0.0/8", "10.1.0.0/16", "2001:db8::/32"}, ReadOnly: true, RatePerMinute: 60})
	insert(t, s, k)
	plain := newKey(t, firm, loop, "Libre", base)
	insert(t, s, plain)
	checkKey(t, "KeyByID", keyByID(t, s, k.ID).Key, k.Key)
	checkKey(t, "KeyByID of a key without restrictions", keyByID(t, s, plain.ID).Key, plain.Key)
	page, err := s.ListKeys(ctx, service.KeyFilter{Tiers: firm, Service: loop}.Normalized())
	if err != nil || len(page.Keys) != 2 {
		t.Fatalf("ListKeys = %d keys, %v", len(page.Keys), err)
	}
	for _, got := range page.Keys {
		if got.ID == k.ID {
			checkKey(t, "ListKeys", got, k.Key)
		}
	}

	wctx, stop := context.WithCancel(ctx)
	w := NewWatcher()
	done := make(chan struct{})
	go func() { defer close(done); s.WatchKeys(wctx, w) }()
	w.WaitFor(t, "announcements flowing", 10*time.Second, func() bool { live, _ := w.State(); return live })
	at := base.Add(time.Hour)
	after := restrictions(t, service.RestrictionsInput{Addresses: []string{"203.0.113.0/24"}, RatePerMinute: 600, Burst: 20})
	ev := event(k.Key, service.AuditRestrict, at)
	ev.Detail = service.RestrictDetail(k.Restrictions, after)
	got, err := s.SetRestrictions(ctx, k.ID, 1, after, ev)
	if err != nil {
		t.Fatalf("SetRestrictions: %v", err)
	}
	want := k.Key
	want.Restrictions, want.RestrictionsVersion = after, 2
	checkKey(t, "SetRestrictions' answer", got, want)
	checkKey(t, "KeyByID after SetRestrictions", keyByID(t, s, k.ID).Key, want)
	w.WaitFor(t, "the change announced", 10*time.Second, func() bool { return w.Announced(k.ID) })
	stop()
	<-done

	// Back to none: the zero value.
	ev.At = at.Add(time.Minute)
	ev.Detail = service.RestrictDetail(after, service.Restrictions{})
	if _, err := s.SetRestrictions(ctx, k.ID, 2, service.Restrictions{}, ev); err != nil {
		t.Fatalf("SetRestrictions to none: %v", err)
	}
	want.Restrictions, want.RestrictionsVersion = service.Restrictions{}, 3
	checkKey(t, "KeyByID after lifting every restriction", keyByID(t, s, k.ID).Key, want)

	evs := audit(t, s, service.AuditFilter{Tiers: []string{firm}, Action: service.AuditRestrict})
	if len(evs) != 2 || evs[1].Detail != service.RestrictDetail(k.Restrictions, after) || evs[1].KeyID != k.ID {
		t.Fatalf("journal of the changes = %+v", evs)
	}
}

// testRestrictionsRefused: a change from a version that is no longer the key's is
// refused and changes nothing; so is one on a revoked or expired key, or an unknown
// one. A suspended key's restrictions may change.
func testRestrictionsRefused(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	at := base.Add(time.Hour)
	r := restrictions(t, service.RestrictionsInput{ReadOnly: true})
	set := func(k service.Key, from int) error {
		_, err := s.SetRestrictions(ctx, k.ID, from, r, event(k, service.AuditRestrict, at))
		return err
	}
	k := newKey(t, firm, loop, "Clé", base)
	insert(t, s, k)
	err := set(k.Key, 2)
	wantCode(t, err, service.ECONFLICT, "a change from a version the key never had")
	if service.ErrorMessage(err) != service.MsgRestrictChangedMeantime {
		t.Fatalf("message %q, want %q", service.ErrorMessage(err), service.MsgRestrictChangedMeantime)
	}
	checkKey(t, "the key after a refused change", keyByID(t, s, k.ID).Key, k.Key)

	revoked := newKey(t, firm, loop, "Révoquée", base)
	insert(t, s, revoked)
	revoke(t, s, revoked.Key, base.Add(time.Minute))
	err = set(revoked.Key, 1)
	wantCode(t, err, service.ECONFLICT, "a change on a revoked key")
	if service.ErrorMessage(err) != service.MsgRestrictKeyNotActive {
		t.Fatalf("message %q, want %q", service.ErrorMessage(err), service.MsgRestrictKeyNotActive)
	}
	expired := newKey(t, firm, loop, "Expirée", base)
	expired.ExpiresAt = at
	insert(t, s, expired)
	wantCode(t, set(expired.Key, 1), service.ECONFLICT, "a change on a key expired at that instant")
	wantCode(t, set(service.Key{ID: "ZZZZ-ZZZZ-ZZZZ-ZZZZ"}, 1), service.ENOTFOUND, "a change on an unknown key")

	suspended := newKey(t, firm, loop, "Suspendue", base)
	insert(t, s, suspended)
	suspend(t, s, suspended.Key, base.Add(time.Minute), "Enquête")
	if err := set(suspended.Key, 1); err != nil {
		t.Fatalf("a change on a suspended key: %v", err)
	}
	if evs := audit(t, s, service.AuditFilter{Tiers: []string{firm}, Action: service.AuditRestrict}); len(evs) != 1 {
		t.Fatalf("%d restriction events journaled, want the one change that passed", len(evs))
	}
}

// testConcurrentRestrict: two administrators change the same key's restrictions
// from the same version at once: one wins, the other is told, one event.
func testConcurrentRestrict(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	k := newKey(t, firm, loop, "Disputée", base)
	insert(t, s, k)
	choices := []service.Restrictions{
		restrictions(t, service.RestrictionsInput{Addresses: []string{"192.0.2.1"}}),
		restrictions(t, service.RestrictionsInput{Addresses: []string{"198.51.100.1"}}),
	}
	errs := make([]error, len(choices))
	var wg sync.WaitGroup
	for i, r := range choices {
		wg.Go(func() {
			ev := event(k.Key, service.AuditRestrict, base.Add(time.Hour))
			ev.Detail = service.RestrictDetail(service.Restrictions{}, r)
			_, errs[i] = s.SetRestrictions(ctx, k.ID, 1, r, ev)
		})
	}
	wg.Wait()
	won := -1
	for i, err := range errs {
		switch {
		case err == nil && won < 0:
			won = i
		case err == nil:
			t.Fatal("both changes from version 1 passed")
		default:
			wantCode(t, err, service.ECONFLICT, "the change that lost")
		}
	}
	if won < 0 {
		t.Fatalf("no change passed: %v", errs)
	}
	got := keyByID(t, s, k.ID)
	if !got.Restrictions.Equal(choices[won]) || got.RestrictionsVersion != 2 {
		t.Fatalf("key after the race: %s version %d, want the winner's %s version 2", got.Restrictions, got.RestrictionsVersion, choices[won])
	}
	if evs := audit(t, s, service.AuditFilter{Tiers: []string{firm}, Action: service.AuditRestrict}); len(evs) != 1 {
		t.Fatalf("%d restriction events, want 1", len(evs))
	}
}

// testRefusals: TouchKeys counts refusals per key and day beside the uses, keeping
// each day's last refused address; KeyRefusals gives today's, the total and the
// last, whatever order the batches came in.
func testRefusals(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	k := newKey(t, firm, loop, "Refusée", base)
	insert(t, s, k)
	quiet := newKey(t, firm, loop, "Jamais refusée", base)
	insert(t, s, quiet)
	day := service.DayOf(base)
	t1, t2, t3 := base.Add(time.Minute), base.Add(2*time.Minute), base.Add(24*time.Hour)
	batches := [][]store.KeyUse{
		{{ID: k.ID, Version: 1, Refused: map[int64]store.DayRefusals{day: {N: 3, LastAt: t2, LastFrom: "198.51.100.2"}}}},
		// Late: an older refusal of the same day must not become the last.
		{{ID: k.ID, Version: 1, LastAt: t1, LastFrom: "192.0.2.1", Days: map[int64]int64{day: 1},
			Refused: map[int64]store.DayRefusals{day: {N: 2, LastAt: t1, LastFrom: "198.51.100.1"}}}},
		{{ID: k.ID, Version: 1, Refused: map[int64]store.DayRefusals{day + 1: {N: 4, LastAt: t3, LastFrom: "2001:db8::9"}}},
			{ID: "ZZZZ-ZZZZ-ZZZZ-ZZZZ", Version: 1, Refused: map[int64]store.DayRefusals{day: {N: 1, LastAt: t1, LastFrom: "192.0.2.9"}}}},
	}
	check := func(today int64, want service.Refusals) {
		t.Helper()
		got, err := s.KeyRefusals(ctx, k.ID, today)
		if err != nil || got.Today != want.Today || got.Total != want.Total || !sameInstant(got.LastAt, want.LastAt) || got.LastFrom != want.LastFrom {
			t.Fatalf("KeyRefusals(day %d) = %+v, %v; want %+v", today-day, got, err, want)
		}
	}
	check(day, service.Refusals{})
	for i, b := range batches[:2] {
		if err := s.TouchKeys(ctx, b); err != nil {
			t.Fatalf("TouchKeys(batch %d): %v", i, err)
		}
	}
	check(day, service.Refusals{Today: 5, Total: 5, LastAt: t2, LastFrom: "198.51.100.2"})
	if err := s.TouchKeys(ctx, batches[2]); err != nil {
		t.Fatalf("TouchKeys(batch 2): %v", err)
	}
	check(day+1, service.Refusals{Today: 4, Total: 9, LastAt: t3, LastFrom: "2001:db8::9"})
	check(day+2, service.Refusals{Today: 0, Total: 9, LastAt: t3, LastFrom: "2001:db8::9"})
	uses, err := s.KeyUses(ctx, k.ID, day, day+1)
	if err != nil || uses[day] != 1 || uses[day+1] != 0 {
		t.Fatalf("KeyUses = %v, %v; want the one use, refusals apart", uses, err)
	}
	if got, err := s.KeyRefusals(ctx, quiet.ID, day); err != nil || got != (service.Refusals{}) {
		t.Fatalf("KeyRefusals of a key never refused = %+v, %v", got, err)
	}
}
