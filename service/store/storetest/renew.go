package storetest

import (
	"bytes"
	"context"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/msg"
	"sesame/service/store"
)

// renewal returns a renewal of k from version with a fresh secret; keep and until say
// what becomes of the old secret.
func renewal(t *testing.T, k store.KeyRecord, from int, at time.Time, keep bool, until time.Time) store.Renewal {
	t.Helper()
	creds, err := service.NewCredentials()
	if err != nil {
		t.Fatalf("NewCredentials: %v", err)
	}
	return store.Renewal{
		ID: k.ID, FromVersion: from, Digest: service.SecretDigest(creds.Secret), Hint: service.SecretHint(creds.Secret),
		At: at, KeepOld: keep, OldUntil: until,
	}
}

// testRenewKey: a renewal replaces the digest and hint, bumps the version, keeps the
// previous digest as the old secret when asked (for a while or until the first use),
// drops any older one (never a third secret), and is recorded in the audit trail.
func testRenewKey(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	k := newKey(t, firm, loop, "Synchro banque", base)
	insert(t, s, k)
	at := base.Add(time.Hour)
	until := at.Add(24 * time.Hour)
	r := renewal(t, k, 1, at, true, until)
	got, err := s.RenewKey(ctx, r, event(k.Key, service.AuditRenew, at))
	if err != nil {
		t.Fatalf("RenewKey: %v", err)
	}
	want := k.Key
	want.Version, want.RenewedAt, want.SecretHint = 2, at, r.Hint
	want.OldSecret = &service.OldSecret{Until: until}
	checkKey(t, "RenewKey's answer", got, want)
	rec := keyByID(t, s, k.ID)
	checkKey(t, "renewed key read back", rec.Key, want)
	if !bytes.Equal(rec.Digest, r.Digest) || !bytes.Equal(rec.OldDigest, k.Digest) {
		t.Fatalf("after renewal: digest new=%v old=%v; want the new secret's and the first one's",
			bytes.Equal(rec.Digest, r.Digest), bytes.Equal(rec.OldDigest, k.Digest))
	}

	// Renewed again, waiting for the first use: the first secret is gone.
	at2 := at.Add(time.Minute)
	r2 := renewal(t, rec, 2, at2, true, time.Time{})
	if _, err := s.RenewKey(ctx, r2, event(k.Key, service.AuditRenew, at2)); err != nil {
		t.Fatalf("second RenewKey: %v", err)
	}
	rec = keyByID(t, s, k.ID)
	if rec.Version != 3 || !bytes.Equal(rec.OldDigest, r.Digest) || rec.OldSecret == nil || !rec.OldSecret.Until.IsZero() {
		t.Fatalf("after second renewal: version %d, old = second secret %v, old %+v; want 3, true, waiting for first use",
			rec.Version, bytes.Equal(rec.OldDigest, r.Digest), rec.OldSecret)
	}

	// With no grace, no old secret at all.
	r3 := renewal(t, rec, 3, at2.Add(time.Minute), false, time.Time{})
	if _, err := s.RenewKey(ctx, r3, event(k.Key, service.AuditRenew, r3.At)); err != nil {
		t.Fatalf("third RenewKey: %v", err)
	}
	if rec = keyByID(t, s, k.ID); rec.OldDigest != nil || rec.OldSecret != nil || rec.Version != 4 {
		t.Fatalf("after a renewal without grace: old digest kept=%v, old %+v, version %d", rec.OldDigest != nil, rec.OldSecret, rec.Version)
	}
	evs := audit(t, s, service.AuditFilter{})
	if len(evs) != 4 || evs[0].Action != service.AuditRenew || evs[3].Action != service.AuditGenerate {
		t.Fatalf("audit trail = %+v; want three renewals after the generation", evs)
	}
}

// testRenewKeyRefused: a stale version, a revoked key, an expired key and an unknown
// one are refused with their own message, and change nothing.
func testRenewKeyRefused(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	k := newKey(t, firm, loop, "Active", base)
	insert(t, s, k)
	rv := newKey(t, firm, loop, "Révoquée", base)
	insert(t, s, rv)
	revoke(t, s, rv.Key, base.Add(time.Minute))
	ex := newKey(t, firm, loop, "Expirée", base)
	ex.ExpiresAt = base.Add(time.Hour)
	insert(t, s, ex)

	at := base.Add(2 * time.Hour)
	for _, tc := range []struct {
		what string
		r    store.Renewal
		code string
		msg  msg.Code
	}{
		{"stale version", renewal(t, k, 7, at, true, time.Time{}), service.ECONFLICT, service.MsgKeyRenewedMeantime},
		{"revoked key", renewal(t, rv, 1, at, true, time.Time{}), service.ECONFLICT, service.MsgKeyRevokedRenew},
		{"expired key", renewal(t, ex, 1, at, true, time.Time{}), service.ECONFLICT, service.MsgKeyExpired},
		{"unknown key", store.Renewal{ID: "ZZZZ-ZZZZ-ZZZZ-ZZZZ", FromVersion: 1, Digest: k.Digest, At: at}, service.ENOTFOUND, service.MsgKeyNotFound},
	} {
		_, err := s.RenewKey(ctx, tc.r, event(k.Key, service.AuditRenew, at))
		wantCode(t, err, tc.code, "RenewKey of a "+tc.what)
		if got := service.ErrorMessage(err); got != tc.msg {
			t.Fatalf("RenewKey of a %s: message %q, want %q", tc.what, got, tc.msg)
		}
	}
	for _, kr := range []store.KeyRecord{k, rv, ex} {
		if got := keyByID(t, s, kr.ID); got.Version != 1 || !bytes.Equal(got.Digest, kr.Digest) || got.OldDigest != nil {
			t.Fatalf("%q changed by a refused renewal: version %d", kr.Name, got.Version)
		}
	}
	if evs := audit(t, s, service.AuditFilter{}); len(evs) != 4 {
		t.Fatalf("audit trail has %d events after refused renewals; want the 3 generations and the revocation", len(evs))
	}
}

// testConcurrentRenew: administrators renewing the same key from the same version at
// once: one wins, the others are told it was renewed meanwhile, and the key holds
// the winner's secret and, as old secret, the original one: no third secret.
func testConcurrentRenew(t *testing.T, s store.Store) {
	seed(t, s)
	k := newKey(t, firm, loop, "Disputée", base)
	insert(t, s, k)
	const n = 6
	rs := make([]store.Renewal, n)
	for i := range rs {
		rs[i] = renewal(t, k, 1, base.Add(time.Hour), true, base.Add(48*time.Hour))
	}
	errs := concurrently(n, func(i int) error {
		_, err := s.RenewKey(t.Context(), rs[i], event(k.Key, service.AuditRenew, rs[i].At))
		return err
	})
	checkOneWinner(t, "RenewKey", errs)
	rec := keyByID(t, s, k.ID)
	won := -1
	for i, err := range errs {
		if err == nil {
			won = i
		} else if service.ErrorMessage(err) != service.MsgKeyRenewedMeantime {
			t.Fatalf("losing renewal: %q, want %q", service.ErrorMessage(err), service.MsgKeyRenewedMeantime)
		}
	}
	if !bytes.Equal(rec.Digest, rs[won].Digest) || !bytes.Equal(rec.OldDigest, k.Digest) || rec.Version != 2 {
		t.Fatalf("after concurrent renewals: winner's digest %v, original as old %v, version %d",
			bytes.Equal(rec.Digest, rs[won].Digest), bytes.Equal(rec.OldDigest, k.Digest), rec.Version)
	}
}

// testEndGrace: ending a grace forgets the old digest and is audited; a key with no
// old secret is ECONFLICT; ForgetEndedGraces forgets those whose grace has ended and
// keeps those still running or waiting for a first use.
func testEndGrace(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	at := base.Add(time.Hour)
	keys := map[string]store.KeyRecord{}
	for name, until := range map[string]time.Time{
		"ends now": at.Add(time.Hour), "ends later": at.Add(48 * time.Hour), "first use": {}, "manual": at.Add(time.Hour),
	} {
		k := newKey(t, firm, loop, name, base)
		insert(t, s, k)
		if _, err := s.RenewKey(ctx, renewal(t, k, 1, at, true, until), event(k.Key, service.AuditRenew, at)); err != nil {
			t.Fatalf("RenewKey(%s): %v", name, err)
		}
		keys[name] = k
	}
	m := keys["manual"]
	got, err := s.EndGrace(ctx, m.ID, event(m.Key, service.AuditEndGrace, at.Add(time.Minute)))
	if err != nil || got.OldSecret != nil {
		t.Fatalf("EndGrace = old %+v, %v; want no old secret", got.OldSecret, err)
	}
	if rec := keyByID(t, s, m.ID); rec.OldDigest != nil {
		t.Fatal("EndGrace kept the old digest")
	}
	_, err = s.EndGrace(ctx, m.ID, event(m.Key, service.AuditEndGrace, at.Add(time.Minute)))
	wantCode(t, err, service.ECONFLICT, "EndGrace twice")
	_, err = s.EndGrace(ctx, "ZZZZ-ZZZZ-ZZZZ-ZZZZ", event(m.Key, service.AuditEndGrace, at))
	wantCode(t, err, service.ENOTFOUND, "EndGrace of an unknown key")
	if evs := audit(t, s, service.AuditFilter{}); evs[0].Action != service.AuditEndGrace || evs[0].KeyID != m.ID || len(evs) != 9 {
		t.Fatalf("audit trail after EndGrace: %d events, newest %+v", len(evs), evs[0])
	}

	if err := s.ForgetEndedGraces(ctx, at.Add(time.Hour)); err != nil {
		t.Fatalf("ForgetEndedGraces: %v", err)
	}
	for name, kept := range map[string]bool{"ends now": false, "ends later": true, "first use": true} {
		if rec := keyByID(t, s, keys[name].ID); (rec.OldDigest != nil) != kept || (rec.OldSecret != nil) != kept {
			t.Fatalf("%q after ForgetEndedGraces: old digest kept %v, want %v", name, rec.OldDigest != nil, kept)
		}
	}
}

// testWatchKeyLife: what verification depends on is announced to the key caches: a
// renewal, an ended grace (by hand or by time), and the new secret's first use that
// starts the old one's last day; a use of the old secret is not.
func testWatchKeyLife(t *testing.T, s store.Store) {
	seed(t, s)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	w := NewWatcher()
	done := make(chan struct{})
	go func() { defer close(done); s.WatchKeys(ctx, w) }()
	w.WaitFor(t, "announcements flowing", 10*time.Second, func() bool { live, _ := w.State(); return live })
	announced := func(what, id string, do func() error) {
		t.Helper()
		if err := do(); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		w.WaitFor(t, what+" announced", 10*time.Second, func() bool { return w.Announced(id) })
	}
	at := base.Add(time.Hour)
	renewed := func(name string, until time.Time) store.KeyRecord {
		k := newKey(t, firm, loop, name, base)
		insert(t, s, k)
		announced("renewal of "+name, k.ID, func() error {
			_, err := s.RenewKey(t.Context(), renewal(t, k, 1, at, true, until), event(k.Key, service.AuditRenew, at))
			return err
		})
		return k
	}
	byHand := renewed("à la main", time.Time{})
	firstUse := renewed("premier usage", time.Time{})
	byTime := renewed("à l'heure", at.Add(time.Hour))

	old := store.KeyUse{ID: byHand.ID, Version: 2, LastAt: at, OldAt: at, OldFrom: "192.0.2.1", Days: map[int64]int64{1: 1}}
	before := len(w.Changed())
	if err := s.TouchKeys(t.Context(), []store.KeyUse{old}); err != nil {
		t.Fatal(err)
	}
	announced("end of grace", byHand.ID, func() error {
		_, err := s.EndGrace(t.Context(), byHand.ID, event(byHand.Key, service.AuditEndGrace, at))
		return err
	})
	// Other tests may change their own keys on the same database meanwhile: count
	// this key's announcements only. A store shared by replicas announces a change
	// made through it twice (at once to this process, then through the database's
	// notification to every replica): one or two for the end, no more.
	if n := countOf(w.Changed()[before:], byHand.ID); n < 1 || n > 2 {
		t.Fatalf("%s announced %d times after a use of its old secret and an end of grace; want the end's announcement only", byHand.ID, n)
	}
	announced("first use", firstUse.ID, func() error {
		return s.TouchKeys(t.Context(), []store.KeyUse{{ID: firstUse.ID, Version: 2, LastAt: at, NewFirst: at}})
	})
	announced("grace ended by time", byTime.ID, func() error { return s.ForgetEndedGraces(t.Context(), at.Add(time.Hour)) })
	cancel()
	<-done
}

// countOf counts the times id is in ids.
func countOf(ids []string, id string) int {
	n := 0
	for _, x := range ids {
		if x == id {
			n++
		}
	}
	return n
}
