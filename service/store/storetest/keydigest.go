package storetest

import (
	"bytes"
	"crypto/sha256"
	"slices"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// testKeysByDigest: KeysByDigest finds keys of every tiers by their current secret's
// digest and, during a grace, by their old secret's; a digest of no key finds
// nothing, and more than service.MaxDigestLookup digests are refused.
func testKeysByDigest(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	mine := newKey(t, firm, loop, "Trouvée", base)
	theirs := newKey(t, other, loop, "D'un autre cabinet", base)
	renewed := newKey(t, attached, paie, "Renouvelée", base)
	quiet := newKey(t, firm, paie, "Jamais trouvée", base)
	for _, k := range []store.KeyRecord{mine, theirs, renewed, quiet} {
		insert(t, s, k)
	}
	r := renewal(t, renewed, 1, base.Add(time.Hour), true, base.Add(48*time.Hour))
	if _, err := s.RenewKey(ctx, r, event(renewed.Key, service.AuditRenew, r.At)); err != nil {
		t.Fatalf("RenewKey: %v", err)
	}
	unknown := sha256.Sum256([]byte("no key's secret"))

	got, err := s.KeysByDigest(ctx, [][]byte{mine.Digest, theirs.Digest, renewed.Digest, r.Digest, unknown[:]})
	if err != nil {
		t.Fatalf("KeysByDigest: %v", err)
	}
	ids := make([]string, len(got))
	for i, k := range got {
		ids[i] = k.ID
	}
	want := []string{mine.ID, theirs.ID, renewed.ID}
	slices.Sort(want)
	if !slices.Equal(ids, want) {
		t.Fatalf("KeysByDigest found %v, want %v", ids, want)
	}
	for _, k := range got {
		if k.ID == renewed.ID && (!bytes.Equal(k.Digest, r.Digest) || !bytes.Equal(k.OldDigest, renewed.Digest) || k.Name != "Renouvelée") {
			t.Fatalf("the renewed key came back without its digests or name: %+v", k.Key)
		}
	}

	if got, err := s.KeysByDigest(ctx, [][]byte{unknown[:]}); err != nil || len(got) != 0 {
		t.Fatalf("KeysByDigest(unknown) = %d keys, %v", len(got), err)
	}
	if got, err := s.KeysByDigest(ctx, nil); err != nil || len(got) != 0 {
		t.Fatalf("KeysByDigest(none) = %d keys, %v", len(got), err)
	}
	many := make([][]byte, service.MaxDigestLookup+1)
	for i := range many {
		many[i] = unknown[:]
	}
	_, err = s.KeysByDigest(ctx, many)
	wantCode(t, err, service.EINVALID, "KeysByDigest of too many digests")
	if got, err := s.KeysByDigest(ctx, many[:service.MaxDigestLookup]); err != nil || len(got) != 0 {
		t.Fatalf("KeysByDigest of the most digests allowed = %d keys, %v", len(got), err)
	}
}
