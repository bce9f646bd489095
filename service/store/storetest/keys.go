package storetest

import (
	"bytes"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// testInsertKey: a key comes back from KeyByID exactly as inserted, digest included,
// times to the microsecond, absent times as zero.
func testInsertKey(t *testing.T, s store.Store) {
	seed(t, s)
	k := newKey(t, firm, loop, "Intégration Élève", base)
	insert(t, s, k)
	got := keyByID(t, s, k.ID)
	checkKey(t, "KeyByID", got.Key, k.Key)
	if !bytes.Equal(got.Digest, k.Digest) {
		t.Fatalf("KeyByID: digest differs from the one stored")
	}

	exp := newKey(t, attached, paie, "Expire bientôt", base.Add(time.Hour))
	exp.ExpiresAt = base.AddDate(1, 0, 0).Add(123 * time.Nanosecond)
	insert(t, s, exp)
	checkKey(t, "KeyByID of a key with an expiry", keyByID(t, s, exp.ID).Key, exp.Key)

	_, err := s.KeyByID(t.Context(), "0000-0000-0000-0000")
	wantCode(t, err, service.ENOTFOUND, "KeyByID of an unknown key")
}

// testInsertKeyConflicts: a second active key with the same name in the same tiers and
// service, or a reused identifier, is refused with ECONFLICT and writes nothing: no
// key, no audit event.
func testInsertKeyConflicts(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	first := newKey(t, firm, loop, "Comptabilité", base)
	insert(t, s, first)

	dup := newKey(t, firm, loop, "Comptabilité", base.Add(time.Second))
	err := s.InsertKey(ctx, dup, event(dup.Key, service.AuditGenerate, dup.CreatedAt))
	wantCode(t, err, service.ECONFLICT, "InsertKey with an active key's name")
	_, err = s.KeyByID(ctx, dup.ID)
	wantCode(t, err, service.ENOTFOUND, "KeyByID of the refused key")

	sameID := newKey(t, firm, loop, "Autre nom", base.Add(2*time.Second))
	sameID.ID = first.ID
	err = s.InsertKey(ctx, sameID, event(sameID.Key, service.AuditGenerate, sameID.CreatedAt))
	wantCode(t, err, service.ECONFLICT, "InsertKey with an existing identifier")
	checkKey(t, "KeyByID of the first key after the refusals", keyByID(t, s, first.ID).Key, first.Key)

	evs, err := s.Audit(ctx, service.AuditFilter{})
	if err != nil {
		t.Fatalf("Audit: %v", err)
	}
	if len(evs) != 1 || evs[0].KeyID != first.ID || evs[0].KeyName != first.Name {
		t.Fatalf("Audit = %+v; want only the first key's generation", evs)
	}
	page, err := s.ListKeys(ctx, service.KeyFilter{Tiers: firm, Service: loop}.Normalized())
	if err != nil || len(page.Keys) != 1 {
		t.Fatalf("ListKeys = %+v, %v; want the first key only", page, err)
	}
}

// testNameReuse: the name rule binds active keys of one tiers and one service only:
// another tiers, another service, or the name of a revoked key are all free; another
// case is not (testLookAlikeNames).
func testNameReuse(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	first := newKey(t, firm, loop, "Felix", base)
	insert(t, s, first)
	insert(t, s, newKey(t, attached, loop, "Felix", base))
	insert(t, s, newKey(t, firm, paie, "Felix", base))
	insert(t, s, newKey(t, other, loop, "Felix", base))
	insert(t, s, newKey(t, firm, loop, "Felix 2", base))

	revoke(t, s, first.Key, base.Add(time.Minute))
	second := newKey(t, firm, loop, "Felix", base.Add(2*time.Minute))
	insert(t, s, second)
	revoke(t, s, second.Key, base.Add(3*time.Minute))
	third := newKey(t, firm, loop, "Felix", base.Add(4*time.Minute))
	insert(t, s, third)

	dup := newKey(t, firm, loop, "Felix", base.Add(5*time.Minute))
	err := s.InsertKey(ctx, dup, event(dup.Key, service.AuditGenerate, dup.CreatedAt))
	wantCode(t, err, service.ECONFLICT, "InsertKey beside an active key named Felix")

	f := service.KeyFilter{Tiers: firm, Service: loop, NameContains: "felix"}.Normalized()
	page, err := s.ListKeys(ctx, f)
	if err != nil || len(page.Keys) != 4 {
		t.Fatalf("ListKeys(felix) = %+v, %v; want 2 revoked and 2 active", page, err)
	}
}

// testRevokeKey: RevokeKey marks the key, records who and when and the audit event;
// a second revocation is ECONFLICT, an unknown key ENOTFOUND, and neither writes.
func testRevokeKey(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	k := newKey(t, firm, loop, "À révoquer", base)
	insert(t, s, k)
	keep := newKey(t, firm, loop, "À garder", base)
	insert(t, s, keep)

	at := base.Add(36*time.Hour + 417*time.Nanosecond)
	got := revoke(t, s, k.Key, at)
	want := k.Key
	want.Status, want.RevokedAt, want.RevokedBy = service.StatusRevoked, at, "Martin Zoé"
	checkKey(t, "RevokeKey's answer", got, want)
	checkKey(t, "KeyByID after RevokeKey", keyByID(t, s, k.ID).Key, want)
	checkKey(t, "the other key", keyByID(t, s, keep.ID).Key, keep.Key)

	_, err := s.RevokeKey(ctx, k.ID, "Autre", at.Add(time.Hour), event(k.Key, service.AuditRevoke, at.Add(time.Hour)))
	wantCode(t, err, service.ECONFLICT, "RevokeKey of a revoked key")
	checkKey(t, "KeyByID after a second revocation", keyByID(t, s, k.ID).Key, want)

	ghost := newKey(t, firm, loop, "Fantôme", base)
	_, err = s.RevokeKey(ctx, ghost.ID, "Autre", at, event(ghost.Key, service.AuditRevoke, at))
	wantCode(t, err, service.ENOTFOUND, "RevokeKey of an unknown key")

	evs, err := s.Audit(ctx, service.AuditFilter{})
	if err != nil {
		t.Fatalf("Audit: %v", err)
	}
	var actions []service.AuditAction
	for _, ev := range evs {
		actions = append(actions, ev.Action)
	}
	if len(evs) != 3 || evs[0].Action != service.AuditRevoke || evs[0].KeyID != k.ID || !sameInstant(evs[0].At, at) {
		t.Fatalf("Audit actions = %v (newest first %+v); want one revocation of %s on top of two generations", actions, evs[0], k.ID)
	}
}

// testTouchKeys: TouchKeys records the last use, never moves it back in time, and an
// unknown key in the batch does not lose the others.
func testTouchKeys(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	a := newKey(t, firm, loop, "A", base)
	b := newKey(t, firm, loop, "B", base)
	insert(t, s, a)
	insert(t, s, b)
	if err := s.TouchKeys(ctx, nil); err != nil {
		t.Fatalf("TouchKeys(nil): %v", err)
	}
	if got := keyByID(t, s, a.ID); !got.LastUsedAt.IsZero() {
		t.Fatalf("LastUsedAt = %v before any use; want zero", got.LastUsedAt)
	}

	t1 := base.Add(time.Hour + 999*time.Nanosecond)
	touch(t, s, map[string]time.Time{a.ID: t1, "ZZZZ-ZZZZ-ZZZZ-ZZZZ": t1})
	checkLastUse(t, s, a.ID, t1)
	checkLastUse(t, s, b.ID, time.Time{})

	touch(t, s, map[string]time.Time{a.ID: t1.Add(-time.Minute), b.ID: t1})
	checkLastUse(t, s, a.ID, t1)
	checkLastUse(t, s, b.ID, t1)

	t2 := t1.Add(time.Microsecond)
	touch(t, s, map[string]time.Time{a.ID: t2})
	checkLastUse(t, s, a.ID, t2)

	revoke(t, s, b.Key, t2)
	checkLastUse(t, s, b.ID, t1) // revocation keeps the last use
}

func touch(t *testing.T, s store.Store, m map[string]time.Time) {
	t.Helper()
	var uses []store.KeyUse
	for id, at := range m {
		uses = append(uses, store.KeyUse{ID: id, Version: 1, LastAt: at, LastFrom: "192.0.2.1"})
	}
	if err := s.TouchKeys(t.Context(), uses); err != nil {
		t.Fatalf("TouchKeys: %v", err)
	}
}

func checkLastUse(t *testing.T, s store.Store, id string, want time.Time) {
	t.Helper()
	if got := keyByID(t, s, id).LastUsedAt; !sameInstant(got, want) {
		t.Fatalf("LastUsedAt of %s = %v, want %v", id, got, want)
	}
}
