package storetest

import (
	"maps"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// testTouchUses: a batch records the last use and its address (never moved back in
// time), adds the uses per day to those already counted, records the old secret's
// last use, and starts the old secret's last day at the new secret's first use; a
// batch about an older version of the secret does not touch the current grace.
func testTouchUses(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	k := newKey(t, firm, loop, "Synchro", base)
	insert(t, s, k)
	day := service.DayOf(base)
	t1 := base.Add(time.Hour)
	apply := func(uses ...store.KeyUse) {
		t.Helper()
		if err := s.TouchKeys(ctx, uses); err != nil {
			t.Fatalf("TouchKeys: %v", err)
		}
	}
	apply(store.KeyUse{ID: k.ID, Version: 1, LastAt: t1, LastFrom: "203.0.113.7", NewFirst: base.Add(time.Minute),
		Days: map[int64]int64{day: 3, day + 1: 1}},
		store.KeyUse{ID: "ZZZZ-ZZZZ-ZZZZ-ZZZZ", Version: 1, LastAt: t1, Days: map[int64]int64{day: 5}})
	apply(store.KeyUse{ID: k.ID, Version: 1, LastAt: t1.Add(-time.Minute), LastFrom: "198.51.100.1", Days: map[int64]int64{day: 2}})
	rec := keyByID(t, s, k.ID)
	if !sameInstant(rec.LastUsedAt, t1) || rec.LastUsedFrom != "203.0.113.7" || rec.OldSecret != nil {
		t.Fatalf("after uses: last %v from %q, old %+v; want %v from 203.0.113.7, no old secret", rec.LastUsedAt, rec.LastUsedFrom, rec.OldSecret, t1)
	}
	uses, err := s.KeyUses(ctx, k.ID, day-30, day+1)
	if err != nil {
		t.Fatalf("KeyUses: %v", err)
	}
	if want := map[int64]int64{day: 5, day + 1: 1}; !maps.Equal(uses, want) {
		t.Fatalf("KeyUses = %v, want %v", uses, want)
	}
	if uses, _ := s.KeyUses(ctx, k.ID, day+1, day+1); !maps.Equal(uses, map[int64]int64{day + 1: 1}) {
		t.Fatalf("KeyUses of one day = %v", uses)
	}

	// Renewed, the old secret waiting for the first use of the new one.
	at := base.Add(2 * time.Hour)
	if _, err := s.RenewKey(ctx, renewal(t, k, 1, at, true, time.Time{}), event(k.Key, service.AuditRenew, at)); err != nil {
		t.Fatalf("RenewKey: %v", err)
	}
	oldUse, first := at.Add(time.Hour), at.Add(3*time.Hour)
	// A batch verified before the renewal: the new secret's "first use" there was the
	// previous secret's, and must not start the grace's end.
	apply(store.KeyUse{ID: k.ID, Version: 1, LastAt: at.Add(-time.Second), NewFirst: at.Add(-time.Second)})
	apply(store.KeyUse{ID: k.ID, Version: 2, LastAt: oldUse, LastFrom: "192.0.2.9", OldAt: oldUse, OldFrom: "192.0.2.9"})
	if rec = keyByID(t, s, k.ID); rec.OldSecret == nil || !rec.OldSecret.Until.IsZero() ||
		!sameInstant(rec.OldSecret.LastUsedAt, oldUse) || rec.OldSecret.LastUsedFrom != "192.0.2.9" {
		t.Fatalf("old secret after its use = %+v; want used at %v from 192.0.2.9, still waiting", rec.OldSecret, oldUse)
	}
	apply(store.KeyUse{ID: k.ID, Version: 2, LastAt: first.Add(time.Hour), LastFrom: "192.0.2.10", NewFirst: first})
	apply(store.KeyUse{ID: k.ID, Version: 2, LastAt: first.Add(2 * time.Hour), NewFirst: first.Add(2 * time.Hour)})
	rec = keyByID(t, s, k.ID)
	if rec.OldSecret == nil || !sameInstant(rec.OldSecret.Until, first.Add(service.FirstUseGrace)) {
		t.Fatalf("old secret after the new one's first use = %+v; want until %v", rec.OldSecret, first.Add(service.FirstUseGrace))
	}
}

// testExpiringKeys: the active keys of the given tiers expiring in the window,
// soonest first; not the revoked, the expired, the never-expiring, those of other
// tiers or expiring later.
func testExpiringKeys(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	now := base.Add(24 * time.Hour)
	mk := func(tiers, name string, expires time.Duration) store.KeyRecord {
		k := newKey(t, tiers, loop, name, base)
		if expires != 0 {
			k.ExpiresAt = now.Add(expires)
		}
		insert(t, s, k)
		return k
	}
	in2 := mk(firm, "dans 2 jours", 48*time.Hour)
	in29 := mk(attached, "dans 29 jours", 29*24*time.Hour)
	mk(firm, "dans 31 jours", 31*24*time.Hour)
	mk(firm, "expirée", -time.Hour)
	mk(firm, "jamais", 0)
	mk(other, "autre cabinet", time.Hour)
	rv := mk(firm, "révoquée", time.Hour)
	revoke(t, s, rv.Key, now)
	got, err := s.ExpiringKeys(ctx, []string{firm, attached}, now, now.Add(service.ExpiryWarning), 10)
	if err != nil {
		t.Fatalf("ExpiringKeys: %v", err)
	}
	if len(got) != 2 || got[0].ID != in2.ID || got[1].ID != in29.ID {
		t.Fatalf("ExpiringKeys = %v; want %q then %q", names(got), in2.Name, in29.Name)
	}
	if got, _ := s.ExpiringKeys(ctx, []string{firm, attached}, now, now.Add(service.ExpiryWarning), 1); len(got) != 1 {
		t.Fatalf("ExpiringKeys limit 1 = %v", names(got))
	}
	if got, _ := s.ExpiringKeys(ctx, nil, now, now.Add(service.ExpiryWarning), 10); len(got) != 0 {
		t.Fatalf("ExpiringKeys of no tiers = %v", names(got))
	}
}

func names(keys []service.Key) []string {
	var out []string
	for _, k := range keys {
		out = append(out, k.Name)
	}
	return out
}

// testKeyPolicy: no policy reads as none; a policy (the firm's maximum and the
// partner keys' own, each alone or both) is set, replaced and removed per firm, each
// change audited.
func testKeyPolicy(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	check := func(firmCode string, want service.KeyPolicy) {
		t.Helper()
		p, err := s.KeyPolicy(ctx, firmCode)
		if err != nil || p != want {
			t.Fatalf("KeyPolicy(%s) = %+v, %v; want %+v", firmCode, p, err, want)
		}
	}
	check(firm, service.KeyPolicy{})
	ev := service.AuditEvent{At: base, Actor: creator, Login: "vdelhumeau", Action: service.AuditPolicy, Tiers: firm}
	policies := []service.KeyPolicy{{MaxLifetimeDays: 365}, {MaxLifetimeDays: 90}, {MaxLifetimeDays: 365, PartnerMaxLifetimeDays: 30},
		{PartnerMaxLifetimeDays: 60}, {PartnerAddressRequired: true}, {MaxLifetimeDays: 30, FirmAddressRequired: true, PartnerAddressRequired: true}, {}}
	for _, p := range policies {
		if err := s.SetKeyPolicy(ctx, firm, p, ev); err != nil {
			t.Fatalf("SetKeyPolicy(%+v): %v", p, err)
		}
		check(firm, p)
		check(other, service.KeyPolicy{})
	}
	if evs := audit(t, s, service.AuditFilter{Tiers: []string{firm}}); len(evs) != len(policies) || evs[0].Action != service.AuditPolicy {
		t.Fatalf("audit trail after policy changes = %+v", evs)
	}
}
