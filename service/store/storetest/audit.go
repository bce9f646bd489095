package storetest

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// testAudit: events come back newest first with every field, filtered by tiers, and
// paged with Before.
func testAudit(t *testing.T, s store.Store) {
	seed(t, s)
	var want []service.AuditEvent // oldest first
	add := func(tiers, svc, name string) service.Key {
		at := base.Add(time.Duration(len(want)) * time.Minute)
		k := newKey(t, tiers, svc, name, at)
		insert(t, s, k)
		want = append(want, event(k.Key, service.AuditGenerate, at))
		return k.Key
	}
	k1 := add(firm, loop, "Première")
	add(attached, loop, "Deuxième")
	k3 := add(other, paie, "Troisième")
	add(firm, paie, "Quatrième")
	for _, k := range []service.Key{k1, k3} {
		at := base.Add(time.Duration(len(want))*time.Minute + 7*time.Nanosecond)
		revoke(t, s, k, at)
		want = append(want, event(k, service.AuditRevoke, at))
	}
	slices.Reverse(want)

	got := audit(t, s, service.AuditFilter{})
	checkEvents(t, "Audit", got, want)
	for i := 1; i < len(got); i++ {
		if got[i].ID >= got[i-1].ID {
			t.Fatalf("Audit IDs not decreasing: %d then %d", got[i-1].ID, got[i].ID)
		}
	}
	ofTiers := func(codes ...string) []service.AuditEvent {
		var out []service.AuditEvent
		for _, ev := range want {
			if slices.Contains(codes, ev.Tiers) {
				out = append(out, ev)
			}
		}
		return out
	}
	checkEvents(t, "Audit(firm)", audit(t, s, service.AuditFilter{Tiers: []string{firm}}), ofTiers(firm))
	checkEvents(t, "Audit(firm, attached)", audit(t, s, service.AuditFilter{Tiers: []string{firm, attached}}), ofTiers(firm, attached))
	checkEvents(t, "Audit(unknown)", audit(t, s, service.AuditFilter{Tiers: []string{"INCONNU"}}), nil)

	var paged []service.AuditEvent
	f := service.AuditFilter{Limit: 2}
	for range len(want) {
		page := audit(t, s, f)
		if len(page) == 0 {
			break
		}
		if len(page) > f.Limit {
			t.Fatalf("Audit page of %d events, limit %d", len(page), f.Limit)
		}
		paged = append(paged, page...)
		f.Before = page[len(page)-1].ID
	}
	checkEvents(t, "Audit paged by 2", paged, want)
	tail := audit(t, s, service.AuditFilter{Tiers: []string{firm}, Before: got[1].ID, Limit: 1})
	checkEvents(t, "Audit(firm) before the second newest, limit 1", tail, ofTiers(firm)[1:2])
}

// testAuditDefaultLimit: no limit means DefaultPageSize events; a larger limit is kept.
func testAuditDefaultLimit(t *testing.T, s store.Store) {
	seed(t, s)
	n := service.DefaultPageSize + 5
	for i := range n {
		insert(t, s, newKey(t, firm, loop, fmt.Sprintf("Clé %d", i), base.Add(time.Duration(i)*time.Second)))
	}
	if got := audit(t, s, service.AuditFilter{}); len(got) != service.DefaultPageSize || got[0].KeyName != fmt.Sprintf("Clé %d", n-1) {
		t.Fatalf("Audit without limit: %d events, newest %q; want %d, the newest first", len(got), got[0].KeyName, service.DefaultPageSize)
	}
	if got := audit(t, s, service.AuditFilter{Limit: service.MaxPageSize}); len(got) != n {
		t.Fatalf("Audit limit %d: %d events, want %d", service.MaxPageSize, len(got), n)
	}
}

func audit(t *testing.T, s store.Store, f service.AuditFilter) []service.AuditEvent {
	t.Helper()
	evs, err := s.Audit(t.Context(), f)
	if err != nil {
		t.Fatalf("Audit(%+v): %v", f, err)
	}
	return evs
}

// checkEvents compares events field by field, times to the microsecond; IDs and
// hashes are the store's own.
func checkEvents(t *testing.T, what string, got, want []service.AuditEvent) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d events, want %d: %+v", what, len(got), len(want), got)
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.ID <= 0 || !sameInstant(g.At, w.At) {
			t.Fatalf("%s: event %d has ID %d at %v, want a positive ID at %v", what, i, g.ID, g.At, w.At)
		}
		if len(g.Hash) != 64 {
			t.Fatalf("%s: event %d has hash %q, want 64 hex digits", what, i, g.Hash)
		}
		g.ID, g.At, w.At, g.Hash, w.Hash = 0, time.Time{}, time.Time{}, "", ""
		if g != w {
			t.Fatalf("%s: event %d = %+v, want %+v", what, i, g, w)
		}
	}
}

// concurrently runs fn from n goroutines released together and returns their errors.
func concurrently(n int, fn func(i int) error) []error {
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			<-start
			errs[i] = fn(i)
		})
	}
	close(start)
	wg.Wait()
	return errs
}

// testConcurrentInsert: 16 writers at once lose no key and duplicate none.
func testConcurrentInsert(t *testing.T, s store.Store) {
	seed(t, s)
	const writers, each = 16, 8
	names := map[string]bool{}
	for w := range writers {
		for i := range each {
			names[fmt.Sprintf("Poste %02d clé %d", w, i)] = true
		}
	}
	keys := make([][]store.KeyRecord, writers)
	for w := range writers {
		for i := range each {
			keys[w] = append(keys[w], newKey(t, firm, loop, fmt.Sprintf("Poste %02d clé %d", w, i), base.Add(time.Duration(i)*time.Second)))
		}
	}
	errs := concurrently(writers, func(w int) error {
		for i, k := range keys[w] {
			if err := s.InsertKey(t.Context(), k, event(k.Key, service.AuditGenerate, k.CreatedAt)); err != nil {
				return fmt.Errorf("writer %d key %d: %w", w, i, err)
			}
		}
		return nil
	})
	for _, err := range errs {
		if err != nil {
			t.Fatalf("concurrent InsertKey: %v", err)
		}
	}
	f := service.KeyFilter{Tiers: firm, Service: loop, Limit: 10}.Normalized()
	got := listAll(t, s, f)
	seen := map[string]bool{}
	for _, k := range got {
		if !names[k.Name] || seen[k.Name] {
			t.Fatalf("listed %q: unknown or listed twice", k.Name)
		}
		seen[k.Name] = true
	}
	if len(seen) != writers*each {
		t.Fatalf("%d keys listed after %d concurrent inserts", len(seen), writers*each)
	}
	if evs := audit(t, s, service.AuditFilter{Limit: service.MaxPageSize}); len(evs) != writers*each {
		t.Fatalf("%d audit events after %d concurrent inserts", len(evs), writers*each)
	}
}

// testConcurrentSameName: of 16 writers racing for one name, exactly one wins and the
// others get ECONFLICT with nothing written.
func testConcurrentSameName(t *testing.T, s store.Store) {
	seed(t, s)
	var keys []store.KeyRecord
	for range 16 {
		keys = append(keys, newKey(t, firm, loop, "Même nom", base))
	}
	errs := concurrently(len(keys), func(i int) error {
		k := keys[i]
		return s.InsertKey(t.Context(), k, event(k.Key, service.AuditGenerate, k.CreatedAt))
	})
	checkOneWinner(t, "concurrent InsertKey of one name", errs)
	f := service.KeyFilter{Tiers: firm, Service: loop}.Normalized()
	if got := listAll(t, s, f); len(got) != 1 {
		t.Fatalf("%d keys named alike after the race, want 1", len(got))
	}
	if evs := audit(t, s, service.AuditFilter{}); len(evs) != 1 {
		t.Fatalf("%d audit events after the race, want 1", len(evs))
	}
}

// testConcurrentRevoke: of 16 administrators revoking one key at once, exactly one
// does it and one revocation is recorded.
func testConcurrentRevoke(t *testing.T, s store.Store) {
	seed(t, s)
	k := newKey(t, firm, loop, "Convoitée", base)
	insert(t, s, k)
	errs := concurrently(16, func(i int) error {
		at := base.Add(time.Hour + time.Duration(i)*time.Second)
		_, err := s.RevokeKey(t.Context(), k.ID, fmt.Sprintf("Admin %d", i), at, event(k.Key, service.AuditRevoke, at))
		return err
	})
	checkOneWinner(t, "concurrent RevokeKey", errs)
	evs := audit(t, s, service.AuditFilter{})
	if len(evs) != 2 || evs[0].Action != service.AuditRevoke || evs[1].Action != service.AuditGenerate {
		t.Fatalf("audit after the race = %+v; want one generation and one revocation", evs)
	}
	if got := keyByID(t, s, k.ID); got.Status != service.StatusRevoked {
		t.Fatalf("status after the race = %s", got.Status)
	}
}

func checkOneWinner(t *testing.T, what string, errs []error) {
	t.Helper()
	wins := 0
	for _, err := range errs {
		switch service.ErrorCode(err) {
		case "":
			wins++
		case service.ECONFLICT:
		default:
			t.Fatalf("%s: %v; want success or ECONFLICT", what, err)
		}
	}
	if wins != 1 {
		t.Fatalf("%s: %d winners, want exactly 1", what, wins)
	}
}
