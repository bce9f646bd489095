package storetest

import (
	"fmt"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// lifeNow is the instant the key-life criteria are judged at in lifePopulation.
var lifeNow = base.Add(400 * 24 * time.Hour)

// lifePopulation stores 120 keys of firm/loop with expiries (none, passed, within a
// month, later), last uses (none, recent, a year old) from addresses, and revocations,
// and returns them as the store should.
func lifePopulation(t *testing.T, s store.Store) []service.Key {
	t.Helper()
	seed(t, s)
	const n = 120
	out := make([]service.Key, n)
	var uses []store.KeyUse
	for i := range n {
		k := newKey(t, firm, loop, fmt.Sprintf("Clé %03d", i), base.Add(time.Duration(i)*24*time.Hour))
		switch i % 4 {
		case 1:
			k.ExpiresAt = lifeNow.Add(-time.Duration(i) * time.Hour) // expired
		case 2:
			k.ExpiresAt = lifeNow.Add(time.Duration(i) * 6 * time.Hour) // within a month
		case 3:
			k.ExpiresAt = lifeNow.Add(time.Duration(i) * 24 * time.Hour)
		}
		insert(t, s, k)
		switch i % 3 {
		case 1:
			k.LastUsedAt, k.LastUsedFrom = lifeNow.Add(-time.Duration(i)*time.Hour), fmt.Sprintf("192.0.2.%d", i)
		case 2:
			k.LastUsedAt, k.LastUsedFrom = lifeNow.Add(-time.Duration(300+i)*24*time.Hour), "2001:db8::1"
		}
		if !k.LastUsedAt.IsZero() {
			uses = append(uses, store.KeyUse{ID: k.ID, Version: 1, LastAt: k.LastUsedAt, LastFrom: k.LastUsedFrom})
		}
		out[i] = k.Key
		if i%5 == 0 {
			out[i] = revoke(t, s, k.Key, lifeNow.Add(-time.Hour))
			out[i].LastUsedAt, out[i].LastUsedFrom = k.LastUsedAt, k.LastUsedFrom
		}
	}
	if err := s.TouchKeys(t.Context(), uses); err != nil {
		t.Fatalf("TouchKeys: %v", err)
	}
	insert(t, s, newKey(t, firm, paie, "Ailleurs", base))
	return out
}

// testListLife: "Expirée" and the other statuses judged at the filter's instant,
// "Expire avant le", "Inutilisée depuis plus de N jours" (a key never used counts
// from its creation), "Sans date d'expiration", and the "Dernière utilisation" sort (never used first), with
// each other and paging.
func testListLife(t *testing.T, s store.Store) {
	all := lifePopulation(t, s)
	active, expired, revoked := service.StatusActive, service.StatusExpired, service.StatusRevoked
	soon := lifeNow.Add(service.ExpiryWarning)
	filters := []service.KeyFilter{
		{Statuses: []service.KeyStatus{expired}},
		{Statuses: []service.KeyStatus{active}},
		{Statuses: []service.KeyStatus{revoked}},
		{Statuses: []service.KeyStatus{active, expired}},
		{Statuses: []service.KeyStatus{active, revoked}},
		{Statuses: []service.KeyStatus{expired, revoked}},
		{Statuses: []service.KeyStatus{active}, ExpiresBefore: soon},
		{ExpiresBefore: soon, Sort: service.SortName},
		{UnusedDays: 90},
		{UnusedDays: 90, Statuses: []service.KeyStatus{active}, Sort: service.SortLastUsed},
		{UnusedDays: 1, ExpiresBefore: soon, Sort: service.SortLastUsed, Descending: true},
		{Sort: service.SortLastUsed},
		{Sort: service.SortLastUsed, Descending: true},
		{NoExpiry: true},
		{NoExpiry: true, Statuses: []service.KeyStatus{active}, Sort: service.SortName},
		{NoExpiry: true, UnusedDays: 90, Sort: service.SortLastUsed, Descending: true},
	}
	counts := map[string]int{}
	for _, f := range filters {
		f.Tiers, f.Service, f.Limit = firm, loop, 7
		f = f.Normalized()
		f.Now = lifeNow
		want := expected(all, f)
		if len(want) == 0 {
			t.Fatalf("fixture has no key for %s", describe(f))
		}
		got := listAll(t, s, f)
		checkList(t, f, got, want)
		if f.ExpiresBefore.IsZero() && f.UnusedDays == 0 && !f.NoExpiry {
			counts[fmt.Sprint(f.Statuses)] = len(got)
		}
	}
	if counts["[expired]"]+counts["[active]"]+counts["[revoked]"] != len(all) {
		t.Fatalf("keys per status = %v; want the %d keys once each", counts, len(all))
	}
	// A later instant: keys expire without any write.
	f := service.KeyFilter{Tiers: firm, Service: loop, Statuses: []service.KeyStatus{expired}, Limit: 50}.Normalized()
	f.Now = lifeNow.Add(3000 * 24 * time.Hour)
	checkList(t, f, listAll(t, s, f), expected(all, f))
}
