package storetest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/msg"
	"sesame/service/store"
)

// suspensionString describes a suspension as stores keep it, to compare two.
func suspensionString(s *service.Suspension) string {
	if s == nil {
		return "none"
	}
	return fmt.Sprintf("at=%d by=%q reason=%q", s.At.UnixMicro(), s.By, s.Reason)
}

// suspend suspends k at an instant and fails on any error.
func suspend(t *testing.T, s store.Store, k service.Key, at time.Time, reason string) service.Key {
	t.Helper()
	ev := event(k, service.AuditSuspend, at)
	ev.Detail = reason
	got, err := s.SuspendKey(t.Context(), k.ID, service.Suspension{At: at, By: "Martin Zoé", Reason: reason}, ev)
	if err != nil {
		t.Fatalf("SuspendKey(%q): %v", k.Name, err)
	}
	return got
}

// testSuspendKey: SuspendKey marks the key suspended with who, when and why, and
// journals the reason; the key is no longer usable, keeps its name, cannot be
// renewed, and ResumeKey makes it usable again with no trace of the suspension but
// the journal's. A suspended key can be revoked.
func testSuspendKey(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	k := newKey(t, firm, loop, "À suspendre", base)
	insert(t, s, k)
	keep := newKey(t, firm, loop, "À garder", base)
	insert(t, s, keep)

	at := base.Add(2*time.Hour + 417*time.Nanosecond)
	got := suspend(t, s, k.Key, at, "Fuite signalée par le partenaire")
	want := k.Key
	want.Status = service.StatusSuspended
	want.Suspension = &service.Suspension{At: at, By: "Martin Zoé", Reason: "Fuite signalée par le partenaire"}
	checkKey(t, "SuspendKey's answer", got, want)
	stored := keyByID(t, s, k.ID)
	checkKey(t, "KeyByID after SuspendKey", stored.Key, want)
	if stored.Usable(at.Add(time.Minute)) {
		t.Fatal("a suspended key is usable")
	}
	checkKey(t, "the other key", keyByID(t, s, keep.ID).Key, keep.Key)

	// The name stays taken while suspended: resuming must not find it reused.
	dup := newKey(t, firm, loop, "À suspendre", at)
	err := s.InsertKey(ctx, dup, event(dup.Key, service.AuditGenerate, at))
	wantCode(t, err, service.ECONFLICT, "InsertKey with a suspended key's name")

	_, err = s.RenewKey(ctx, renewal(t, k, 1, at, true, time.Time{}), event(k.Key, service.AuditRenew, at))
	wantCode(t, err, service.ECONFLICT, "RenewKey of a suspended key")
	if m := service.ErrorMessage(err); m != service.MsgKeySuspendedRenew {
		t.Fatalf("RenewKey of a suspended key: message %q, want %q", m, service.MsgKeySuspendedRenew)
	}

	later := at.Add(time.Hour)
	ev := event(k.Key, service.AuditResume, later)
	ev.Detail = "Partenaire joint, secret jamais divulgué"
	resumed, err := s.ResumeKey(ctx, k.ID, ev)
	if err != nil {
		t.Fatalf("ResumeKey: %v", err)
	}
	checkKey(t, "ResumeKey's answer", resumed, k.Key)
	if !keyByID(t, s, k.ID).Usable(later) {
		t.Fatal("a resumed key is not usable")
	}

	suspend(t, s, k.Key, later.Add(time.Minute), "Encore")
	revokedAt := later.Add(2 * time.Minute)
	rv := revoke(t, s, k.Key, revokedAt)
	if rv.Status != service.StatusRevoked || !sameInstant(rv.RevokedAt, revokedAt) {
		t.Fatalf("RevokeKey of a suspended key = %s at %v, want revoked at %v", rv.Status, rv.RevokedAt, revokedAt)
	}

	evs, err := s.Audit(ctx, service.AuditFilter{Tiers: []string{firm}})
	if err != nil {
		t.Fatalf("Audit: %v", err)
	}
	var got2 []string
	for _, e := range evs {
		got2 = append(got2, string(e.Action)+":"+e.Detail)
	}
	wantEvents := []string{"revoke:", "suspend:Encore", "resume:Partenaire joint, secret jamais divulgué",
		"suspend:Fuite signalée par le partenaire", "generate:", "generate:"}
	if fmt.Sprint(got2) != fmt.Sprint(wantEvents) {
		t.Fatalf("journal, newest first = %q, want %q", got2, wantEvents)
	}
}

// testSuspendKeyRefused: suspending a suspended, revoked, expired or unknown key and
// resuming a key that is not suspended are refused with the sentence that says why,
// and write nothing.
func testSuspendKeyRefused(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	at := base.Add(48 * time.Hour)
	active := newKey(t, firm, loop, "Active", base)
	insert(t, s, active)
	suspended := newKey(t, firm, loop, "Suspendue", base)
	insert(t, s, suspended)
	suspend(t, s, suspended.Key, base.Add(time.Hour), "Première")
	revoked := newKey(t, firm, loop, "Révoquée", base)
	insert(t, s, revoked)
	revoke(t, s, revoked.Key, base.Add(time.Hour))
	expired := newKey(t, firm, loop, "Expirée", base)
	expired.ExpiresAt = base.Add(24 * time.Hour)
	insert(t, s, expired)
	before, err := s.AuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}

	sus := service.Suspension{At: at, By: "Martin Zoé", Reason: "Deuxième"}
	for _, tc := range []struct {
		what string
		do   func() error
		code string
		msg  msg.Code
	}{
		{"suspend a suspended key", func() error {
			_, err := s.SuspendKey(ctx, suspended.ID, sus, event(suspended.Key, service.AuditSuspend, at))
			return err
		}, service.ECONFLICT, service.MsgKeySuspended},
		{"suspend a revoked key", func() error {
			_, err := s.SuspendKey(ctx, revoked.ID, sus, event(revoked.Key, service.AuditSuspend, at))
			return err
		}, service.ECONFLICT, service.MsgKeyNotActive},
		{"suspend an expired key", func() error {
			_, err := s.SuspendKey(ctx, expired.ID, sus, event(expired.Key, service.AuditSuspend, at))
			return err
		}, service.ECONFLICT, service.MsgKeyNotActive},
		{"suspend an unknown key", func() error {
			_, err := s.SuspendKey(ctx, "ZZZZ-ZZZZ-ZZZZ-ZZZZ", sus, event(active.Key, service.AuditSuspend, at))
			return err
		}, service.ENOTFOUND, service.MsgKeyNotFound},
		{"resume an active key", func() error {
			_, err := s.ResumeKey(ctx, active.ID, event(active.Key, service.AuditResume, at))
			return err
		}, service.ECONFLICT, service.MsgKeyNotSuspended},
		{"resume a revoked key", func() error {
			_, err := s.ResumeKey(ctx, revoked.ID, event(revoked.Key, service.AuditResume, at))
			return err
		}, service.ECONFLICT, service.MsgKeyNotSuspended},
	} {
		err := tc.do()
		wantCode(t, err, tc.code, tc.what)
		if got := service.ErrorMessage(err); got != tc.msg {
			t.Fatalf("%s: message %q, want %q", tc.what, got, tc.msg)
		}
	}
	after, err := s.AuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Fatalf("refusals wrote to the journal: head %+v, was %+v", after, before)
	}
	if k := keyByID(t, s, suspended.ID); suspensionString(k.Suspension) != suspensionString(&service.Suspension{At: base.Add(time.Hour), By: "Martin Zoé", Reason: "Première"}) {
		t.Fatalf("a refused second suspension changed the first: %s", suspensionString(k.Suspension))
	}
}

// testListSuspended: the status criterion tells suspended keys from active ones, a
// suspended key past its expiry is expired, and every combination of statuses
// returns exactly the keys whose status at Now is among them, counted alike.
func testListSuspended(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	now := base.Add(10 * 24 * time.Hour)
	want := map[string]service.KeyStatus{}
	add := func(name string, expires time.Time, suspended, revoked bool, status service.KeyStatus) {
		k := newKey(t, firm, loop, name, base)
		k.ExpiresAt = expires
		insert(t, s, k)
		if suspended {
			suspend(t, s, k.Key, base.Add(time.Hour), "Contrôle")
		}
		if revoked {
			revoke(t, s, k.Key, base.Add(2*time.Hour))
		}
		want[k.ID] = status
	}
	add("active", time.Time{}, false, false, service.StatusActive)
	add("suspendue", time.Time{}, true, false, service.StatusSuspended)
	add("suspendue qui expire", now.Add(time.Hour), true, false, service.StatusSuspended)
	add("suspendue expirée", now.Add(-time.Hour), true, false, service.StatusExpired)
	add("expirée", now.Add(-time.Hour), false, false, service.StatusExpired)
	add("révoquée", time.Time{}, false, true, service.StatusRevoked)
	add("suspendue révoquée", time.Time{}, true, true, service.StatusRevoked)

	all := []service.KeyStatus{service.StatusActive, service.StatusSuspended, service.StatusExpired, service.StatusRevoked}
	for mask := 0; mask < 1<<len(all); mask++ {
		var sts []service.KeyStatus
		for i, st := range all {
			if mask&(1<<i) != 0 {
				sts = append(sts, st)
			}
		}
		f := service.KeyFilter{Tiers: firm, Service: loop, Statuses: sts, Now: now}.Normalized()
		page, err := s.ListKeys(ctx, f)
		if err != nil {
			t.Fatalf("ListKeys(%v): %v", sts, err)
		}
		wantN := 0
		for _, st := range want {
			if len(sts) == 0 || slices.Contains(sts, st) {
				wantN++
			}
		}
		if len(page.Keys) != wantN || page.Count == nil || page.Count.N != wantN {
			t.Fatalf("ListKeys(%v): %d keys, count %+v; want %d", sts, len(page.Keys), page.Count, wantN)
		}
		for _, k := range page.Keys {
			if k.Status != want[k.ID] || (len(sts) > 0 && !slices.Contains(sts, k.Status)) {
				t.Fatalf("ListKeys(%v) gave %q as %s, want %s", sts, k.Name, k.Status, want[k.ID])
			}
		}
	}
}
