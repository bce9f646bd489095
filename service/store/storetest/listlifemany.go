package storetest

import (
	"fmt"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// testListLifeMany: "Inutilisée depuis" with "Active" when more keys match than a
// store fetches by ID (its criterion then common): every match, in order, across
// pages, on both databases.
func testListLifeMany(t *testing.T, s store.Store) {
	seed(t, s)
	const n = 2050
	at := base
	var keys []service.Key
	for i := 0; i < n; i++ {
		at = at.Add(time.Second)
		k := newKey(t, firm, loop, fmt.Sprintf("Ancienne %04d", i), at)
		insert(t, s, k)
		keys = append(keys, k.Key)
	}
	f := service.KeyFilter{Tiers: firm, Service: loop, Statuses: []service.KeyStatus{service.StatusActive},
		UnusedDays: 90, Sort: service.SortCreatedAt, Descending: true, Limit: 500}.Normalized()
	f.Now = base.Add(365 * 24 * time.Hour)
	got := listAll(t, s, f)
	if len(got) != n || got[0].ID != keys[n-1].ID || got[n-1].ID != keys[0].ID {
		t.Fatalf("active keys unused for 90 days: %d, want %d newest first", len(got), n)
	}
}
