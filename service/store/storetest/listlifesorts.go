package storetest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// testListLifeSorts: the key-life criteria with every sort, both directions, across
// pages, when more keys match than a store fetches by ID (it then walks the sort's
// order testing each key) and when fewer do (it may fetch them and sort them
// itself), with ties on the creation instant and on the last use.
func testListLifeSorts(t *testing.T, s store.Store) {
	seed(t, s)
	const n = 4200
	all := make([]service.Key, 0, n)
	var uses []store.KeyUse
	for i := range n {
		// Three keys a minute: ties on the creation instant, broken by the ID.
		k := newKey(t, firm, loop, fmt.Sprintf("Vie %04d", (i*7919)%n), base.Add(time.Duration(i/3)*time.Minute))
		switch i % 8 {
		case 0, 1, 2, 3, 4: // expired: more than a store fetches by ID
			k.ExpiresAt = lifeNow.Add(-time.Duration(1+i%97) * time.Hour)
		case 5: // within a month
			k.ExpiresAt = lifeNow.Add(time.Duration(1+i%29) * 24 * time.Hour)
		case 6:
			k.ExpiresAt = lifeNow.Add(400 * 24 * time.Hour)
		}
		insert(t, s, k)
		switch i % 3 {
		case 1: // used lately, fifty distinct instants: ties on the last use
			k.LastUsedAt = lifeNow.Add(-time.Duration(1+i%50) * time.Hour)
		case 2:
			k.LastUsedAt = lifeNow.Add(-time.Duration(200+i%50) * 24 * time.Hour)
		}
		if !k.LastUsedAt.IsZero() {
			k.LastUsedFrom = "192.0.2.7"
			uses = append(uses, store.KeyUse{ID: k.ID, Version: 1, LastAt: k.LastUsedAt, LastFrom: k.LastUsedFrom})
		}
		key := k.Key
		if i%7 == 0 {
			key = revoke(t, s, k.Key, lifeNow.Add(-time.Hour))
			key.LastUsedAt, key.LastUsedFrom = k.LastUsedAt, k.LastUsedFrom
		}
		all = append(all, key)
	}
	// Short-lived keys, created lately and expired already: a store that starts its
	// walk of the creation order where keys are old enough to have expired must start
	// it before these. Keys last used before their creation (a replica's clock
	// behind): unused since that use, whatever their creation.
	for i := range 5 {
		k := newKey(t, firm, loop, fmt.Sprintf("Courte %d", i), lifeNow.Add(-time.Duration(10+i)*24*time.Hour))
		k.ExpiresAt = lifeNow.Add(-time.Duration(1+i) * time.Hour)
		insert(t, s, k)
		all = append(all, k.Key)
		k = newKey(t, firm, loop, fmt.Sprintf("Horloge %d", i), lifeNow.Add(-time.Duration(5+i)*24*time.Hour))
		k.ExpiresAt = lifeNow.Add(time.Duration(3+i) * 24 * time.Hour)
		insert(t, s, k)
		k.LastUsedAt, k.LastUsedFrom = lifeNow.Add(-time.Duration(200+i)*24*time.Hour), "192.0.2.8"
		uses = append(uses, store.KeyUse{ID: k.ID, Version: 1, LastAt: k.LastUsedAt, LastFrom: k.LastUsedFrom})
		all = append(all, k.Key)
	}
	if err := s.TouchKeys(t.Context(), uses); err != nil {
		t.Fatalf("TouchKeys: %v", err)
	}
	insert(t, s, newKey(t, firm, paie, "Vie ailleurs", base))

	active, expired, revoked := service.StatusActive, service.StatusExpired, service.StatusRevoked
	soon := lifeNow.Add(service.ExpiryWarning)
	criteria := []service.KeyFilter{
		{Statuses: []service.KeyStatus{expired}, Limit: 400},                              // many
		{Statuses: []service.KeyStatus{expired, revoked}, Limit: 400},                     // many
		{UnusedDays: 90, Limit: 400},                                                      // many
		{Statuses: []service.KeyStatus{active}, UnusedDays: 90, Limit: 90},                // few
		{Statuses: []service.KeyStatus{active}, ExpiresBefore: soon, Limit: 70},           // few
		{Statuses: []service.KeyStatus{expired}, UnusedDays: 300, Limit: 90},              // few
		{Statuses: []service.KeyStatus{active, expired}, ExpiresBefore: soon, Limit: 400}, // many
	}
	sorts := []service.KeySortField{service.SortCreatedAt, service.SortName, service.SortCreator, service.SortStatus, service.SortLastUsed}
	for _, c := range criteria {
		for _, sort := range sorts {
			if sort == service.SortStatus && mixesActiveAndExpired(c) {
				// Stores sort by the stored status, where an expired key is still
				// active: "Active" and "Expirée" come interleaved (see the note).
				continue
			}
			for _, desc := range []bool{false, true} {
				f := c
				f.Tiers, f.Service, f.Sort, f.Descending = firm, loop, sort, desc
				f = f.Normalized()
				f.Now = lifeNow
				want := expected(all, f)
				if len(want) <= 2*f.Limit {
					t.Fatalf("fixture has %d keys for %s: want more than two pages", len(want), describe(f))
				}
				checkList(t, f, listAll(t, s, f), want)
			}
		}
	}
}

// mixesActiveAndExpired reports whether c may list both active and expired keys.
func mixesActiveAndExpired(c service.KeyFilter) bool {
	return len(c.Statuses) == 0 || slices.Contains(c.Statuses, service.StatusActive) && slices.Contains(c.Statuses, service.StatusExpired)
}
