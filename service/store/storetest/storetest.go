// Package storetest is the conformance suite of store.Store, in the manner of dex's
// storage/conformance: every implementation (sqlite, postgres) runs the same subtests,
// which hold each method to its doc comment, so that no behaviour belongs to one
// database only.
package storetest

import (
	"fmt"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// Run runs the whole suite. open must return a new, empty, migrated store on each
// call, close it with t.Cleanup, and be safe to call from parallel subtests.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"Empty", testEmpty},
		{"Tiers", testTiers},
		{"Admins", testAdmins},
		{"RemoveAdmin", testRemoveAdmin},
		{"Catalogue", testCatalogue},
		{"CatalogueKeepsUsedEntries", testCatalogueKeepsUsedEntries},
		{"InsertKey", testInsertKey},
		{"InsertKeyConflicts", testInsertKeyConflicts},
		{"NameReuse", testNameReuse},
		{"LookAlikeNames", testLookAlikeNames},
		{"KeysByDigest", testKeysByDigest},
		{"RevokeKey", testRevokeKey},
		{"SuspendKey", testSuspendKey},
		{"SuspendKeyRefused", testSuspendKeyRefused},
		{"ListSuspended", testListSuspended},
		{"KeyKinds", testKeyKinds},
		{"TouchKeys", testTouchKeys},
		{"WatchKeys", testWatchKeys},
		{"ListSorts", testListSorts},
		{"ListStatus", testListStatus},
		{"ListNameContains", testListNameContains},
		{"ListNameContainsManyAndFew", testListNameContainsManyAndFew},
		{"ListNameWords", testListNameWords},
		{"ListCombined", testListCombined},
		{"ListBadCursor", testListBadCursor},
		{"VerbatimNames", testVerbatimNames},
		{"Audit", testAudit},
		{"AuditDefaultLimit", testAuditDefaultLimit},
		{"AuditChain", testAuditChain},
		{"AuditCriteria", testAuditCriteria},
		{"AuditNameSearch", testAuditNameSearch},
		{"AuditConcurrentChain", testAuditConcurrentChain},
		{"AuditTampering", testAuditTampering},
		{"AuditSeals", testAuditSeals},
		{"AuditSealsConcurrent", testAuditSealsConcurrent},
		{"AuditExport", testAuditExport},
		{"AuditExportInWords", testAuditExportInWords},
		{"AuditExportHeadBefore", testAuditExportHeadBefore},
		{"ConcurrentInsert", testConcurrentInsert},
		{"ConcurrentSameName", testConcurrentSameName},
		{"ConcurrentRevoke", testConcurrentRevoke},
		{"RenewKey", testRenewKey},
		{"RenewKeyRefused", testRenewKeyRefused},
		{"ConcurrentRenew", testConcurrentRenew},
		{"EndGrace", testEndGrace},
		{"GraceEndsByTime", testGraceEndsByTime},
		{"TouchUses", testTouchUses},
		{"ExpiringKeys", testExpiringKeys},
		{"KeyPolicy", testKeyPolicy},
		{"ListLife", testListLife},
		{"ListLifeMany", testListLifeMany},
		{"ListCount", testListCount},
		{"ListLifeSorts", testListLifeSorts},
		{"ListGraceOver", testListGraceOver},
		{"WatchKeyLife", testWatchKeyLife},
		{"Handover", testHandover},
		{"HandoverNewLink", testHandoverNewLink},
		{"HandoverWrongCodes", testHandoverWrongCodes},
		{"HandoverEnds", testHandoverEnds},
		{"Releases", testReleases},
		{"Restrictions", testRestrictions},
		{"RestrictionsRefused", testRestrictionsRefused},
		{"ConcurrentRestrict", testConcurrentRestrict},
		{"Refusals", testRefusals},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.fn(t, open(t))
		})
	}
}

// The fixture: two firms, a tiers attached to the first, and a catalogue with two
// services that accept keys and one that does not.
const (
	firm     = "95963"
	attached = "10042"
	other    = "77001"

	loop = "loop-apikey"
	paie = "paie-api"
	docs = "docs-en-ligne"

	creator = "Delhumeau Vincent"
)

// base is a creation instant with nanoseconds, which stores drop below the microsecond.
var base = time.Date(2025, 3, 14, 9, 26, 53, 589793238, time.UTC)

func catalogue() service.Catalogue {
	return service.Catalogue{
		Categories: []string{"Services en ligne", "Paie"},
		Entries: []service.CatalogueEntry{
			{ID: loop, Name: "Loop APIkey", Category: "Services en ligne", Description: "Clés d'API de Loop", AcceptsKeys: true},
			{ID: docs, Name: "Documents en ligne", Category: "Services en ligne"},
			{ID: paie, Name: "Paie API", Category: "Paie", Description: "Bulletins", AcceptsKeys: true},
		},
	}
}

// seed stores the fixture's tiers and catalogue.
func seed(t *testing.T, s store.Store) {
	t.Helper()
	ctx := t.Context()
	for _, tr := range []service.Tiers{
		{Code: firm, Name: "FUTUROSCOPE CEDEX"},
		{Code: attached, Name: "SARL L'Élève", AttachedTo: firm},
		{Code: other, Name: "AUTRE CABINET"},
	} {
		if err := s.AddTiers(ctx, tr); err != nil {
			t.Fatalf("AddTiers(%s): %v", tr.Code, err)
		}
	}
	if err := s.PutCatalogue(ctx, catalogue()); err != nil {
		t.Fatalf("PutCatalogue: %v", err)
	}
}

// newKey returns an active key with fresh credentials; the secret is dropped at once,
// as the Portal does, and never printed.
func newKey(t *testing.T, tiers, svc, name string, at time.Time) store.KeyRecord {
	t.Helper()
	creds, err := service.NewCredentials()
	if err != nil {
		t.Fatalf("NewCredentials: %v", err)
	}
	return store.KeyRecord{
		Key: service.Key{
			ID: creds.Identifier, Tiers: tiers, Service: svc, Name: name,
			CreatedAt: at, CreatedBy: creator, Status: service.StatusActive,
			SecretHint: service.SecretHint(creds.Secret),
		},
		Digest: service.SecretDigest(creds.Secret),
	}
}

// event returns the audit event that goes with an action on k.
func event(k service.Key, action service.AuditAction, at time.Time) service.AuditEvent {
	return service.AuditEvent{
		At: at, Actor: k.CreatedBy, Login: "vdelhumeau", Action: action,
		KeyID: k.ID, KeyName: k.Name, Tiers: k.Tiers, Service: k.Service,
	}
}

// insert stores k with its generation event.
func insert(t *testing.T, s store.Store, k store.KeyRecord) {
	t.Helper()
	if err := s.InsertKey(t.Context(), k, event(k.Key, service.AuditGenerate, k.CreatedAt)); err != nil {
		t.Fatalf("InsertKey(%q): %v", k.Name, err)
	}
}

// revoke revokes the key with id at an instant and returns the key as revoked.
func revoke(t *testing.T, s store.Store, k service.Key, at time.Time) service.Key {
	t.Helper()
	got, err := s.RevokeKey(t.Context(), k.ID, "Martin Zoé", at, event(k, service.AuditRevoke, at))
	if err != nil {
		t.Fatalf("RevokeKey(%q): %v", k.Name, err)
	}
	return got
}

// wantCode fails unless err carries the service error code want.
func wantCode(t *testing.T, err error, want, what string) {
	t.Helper()
	if got := service.ErrorCode(err); got != want {
		t.Fatalf("%s: error code %q (%v), want %q", what, got, err, want)
	}
}

// sameInstant compares times as stores keep them: Unix microseconds, zero for absent.
func sameInstant(a, b time.Time) bool {
	if a.IsZero() || b.IsZero() {
		return a.IsZero() == b.IsZero()
	}
	return a.UnixMicro() == b.UnixMicro()
}

// keyDiff describes how got differs from want, or returns "".
func keyDiff(got, want service.Key) string {
	type field struct {
		name      string
		got, want any
		same      bool
	}
	fields := []field{
		{"ID", got.ID, want.ID, got.ID == want.ID},
		{"Tiers", got.Tiers, want.Tiers, got.Tiers == want.Tiers},
		{"Service", got.Service, want.Service, got.Service == want.Service},
		{"Name", got.Name, want.Name, got.Name == want.Name},
		{"CreatedAt", got.CreatedAt, want.CreatedAt, sameInstant(got.CreatedAt, want.CreatedAt)},
		{"CreatedBy", got.CreatedBy, want.CreatedBy, got.CreatedBy == want.CreatedBy},
		{"Status", got.Status, want.Status, got.Status == want.Status},
		{"RevokedAt", got.RevokedAt, want.RevokedAt, sameInstant(got.RevokedAt, want.RevokedAt)},
		{"RevokedBy", got.RevokedBy, want.RevokedBy, got.RevokedBy == want.RevokedBy},
		{"LastUsedAt", got.LastUsedAt, want.LastUsedAt, sameInstant(got.LastUsedAt, want.LastUsedAt)},
		{"ExpiresAt", got.ExpiresAt, want.ExpiresAt, sameInstant(got.ExpiresAt, want.ExpiresAt)},
		{"SecretHint", got.SecretHint, want.SecretHint, got.SecretHint == want.SecretHint},
		{"LastUsedFrom", got.LastUsedFrom, want.LastUsedFrom, got.LastUsedFrom == want.LastUsedFrom},
		{"Version", got.Version, max(want.Version, 1), got.Version == max(want.Version, 1)},
		{"RenewedAt", got.RenewedAt, want.RenewedAt, sameInstant(got.RenewedAt, want.RenewedAt)},
		{"OldSecret", oldString(got.OldSecret), oldString(want.OldSecret), oldString(got.OldSecret) == oldString(want.OldSecret)},
		{"Kind", got.Kind, cmpKind(want.Kind), got.Kind == cmpKind(want.Kind)},
		{"Partner", fmt.Sprint(derefPartner(got.Partner)), fmt.Sprint(derefPartner(want.Partner)), derefPartner(got.Partner) == derefPartner(want.Partner)},
		{"Suspension", suspensionString(got.Suspension), suspensionString(want.Suspension), suspensionString(got.Suspension) == suspensionString(want.Suspension)},
		{"Handover", handoverString(got.Handover), handoverString(want.Handover), handoverString(got.Handover) == handoverString(want.Handover)},
		{"Restrictions", got.Restrictions.String(), want.Restrictions.String(), got.Restrictions.Equal(want.Restrictions)},
		{"RestrictionsVersion", got.RestrictionsVersion, max(want.RestrictionsVersion, 1), got.RestrictionsVersion == max(want.RestrictionsVersion, 1)},
	}
	var out string
	for _, f := range fields {
		if !f.same {
			out += fmt.Sprintf(" %s=%q want %q;", f.name, fmt.Sprint(f.got), fmt.Sprint(f.want))
		}
	}
	return out
}

// checkKey fails if got is not want as a store returns it.
func checkKey(t *testing.T, what string, got, want service.Key) {
	t.Helper()
	if d := keyDiff(got, want); d != "" {
		t.Fatalf("%s: key %s differs:%s", what, want.ID, d)
	}
}

// keyByID reads a key back and fails on any error.
func keyByID(t *testing.T, s store.Store, id string) store.KeyRecord {
	t.Helper()
	k, err := s.KeyByID(t.Context(), id)
	if err != nil {
		t.Fatalf("KeyByID(%s): %v", id, err)
	}
	return k
}

// oldString describes an old secret as stores keep it, to compare two.
func oldString(o *service.OldSecret) string {
	if o == nil {
		return "none"
	}
	us := func(t time.Time) int64 {
		if t.IsZero() {
			return 0
		}
		return t.UnixMicro()
	}
	return fmt.Sprintf("until %d, used %d from %q", us(o.Until), us(o.LastUsedAt), o.LastUsedFrom)
}
