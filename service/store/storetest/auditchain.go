package storetest

import (
	"fmt"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// signIn is a sign-in event of the fixture's administrator from an address.
func signIn(at time.Time, addr string) service.AuditEvent {
	return service.AuditEvent{At: at, Actor: creator, Login: "vdelhumeau", Action: service.AuditSignIn, Tiers: firm, Addr: addr}
}

// chainOf returns every event, oldest first, through EachAudit.
func chainOf(t *testing.T, s store.Store) []service.AuditEvent {
	t.Helper()
	var evs []service.AuditEvent
	if err := s.EachAudit(t.Context(), service.AuditFilter{}, func(ev service.AuditEvent) error {
		evs = append(evs, ev)
		return nil
	}); err != nil {
		t.Fatalf("EachAudit: %v", err)
	}
	return evs
}

// verify runs the whole-chain check.
func verify(t *testing.T, s store.Store) service.AuditCheck {
	t.Helper()
	c, err := store.VerifyAudit(t.Context(), s, sealKey)
	if err != nil {
		t.Fatalf("VerifyAudit: %v", err)
	}
	return c
}

// testAuditChain: events of every kind are numbered 1, 2, 3… in append order, each
// hash chains the previous one (recomputed here from the genesis), the head is the
// last, and the verification finds the chain whole. A sign-in keeps its address.
func testAuditChain(t *testing.T, s store.Store) {
	seed(t, s)
	ctx := t.Context()
	if h, err := s.AuditHead(ctx); err != nil || h.Seq != 0 || h.Hash != service.GenesisHash {
		t.Fatalf("AuditHead of an empty store = %+v, %v; want 0 and the genesis", h, err)
	}
	if c := verify(t, s); !c.OK() || c.Events != 0 {
		t.Fatalf("VerifyAudit of an empty store = %+v", c)
	}
	if err := s.AppendAudit(ctx, signIn(base, "203.0.113.7")); err != nil {
		t.Fatalf("AppendAudit: %v", err)
	}
	k := newKey(t, firm, loop, "Synchro banque", base.Add(time.Minute))
	insert(t, s, k)
	revoke(t, s, k.Key, base.Add(2*time.Minute))

	evs := chainOf(t, s)
	if len(evs) != 3 {
		t.Fatalf("EachAudit: %d events, want 3", len(evs))
	}
	prev := service.GenesisHash
	for i, ev := range evs {
		if ev.ID != int64(i+1) {
			t.Fatalf("event %d numbered %d, want %d", i, ev.ID, i+1)
		}
		if want := service.ChainHash(prev, ev); ev.Hash != want {
			t.Fatalf("event %d hash %s, want %s", ev.ID, ev.Hash, want)
		}
		prev = ev.Hash
	}
	if evs[0].Action != service.AuditSignIn || evs[0].Addr != "203.0.113.7" || evs[0].Tiers != firm || evs[0].KeyID != "" {
		t.Fatalf("sign-in event = %+v", evs[0])
	}
	if evs[1].Action != service.AuditGenerate || evs[2].Action != service.AuditRevoke || evs[2].KeyID != k.ID {
		t.Fatalf("key events = %+v, %+v", evs[1], evs[2])
	}
	h, err := s.AuditHead(ctx)
	if err != nil || h.Seq != 3 || h.Hash != prev {
		t.Fatalf("AuditHead = %+v, %v; want 3 and the last hash %s", h, err, prev)
	}
	if c := verify(t, s); !c.OK() || c.Events != 3 || c.Head != h {
		t.Fatalf("VerifyAudit = %+v; want whole, 3 events, head %+v", c, h)
	}
	// A refused change appends nothing: the chain stays as it was.
	if _, err := s.RevokeKey(ctx, k.ID, "Autre", base.Add(time.Hour), event(k.Key, service.AuditRevoke, base)); err == nil {
		t.Fatal("second RevokeKey succeeded")
	}
	if h2, _ := s.AuditHead(ctx); h2 != h {
		t.Fatalf("a refused revocation moved the head from %+v to %+v", h, h2)
	}
}

// testAuditCriteria: period, administrator, action and key name (accents and case
// aside) select events, alone and together, on every page; CountAudit agrees.
func testAuditCriteria(t *testing.T, s store.Store) {
	seed(t, s)
	ctx := t.Context()
	var all []service.AuditEvent // oldest first, as appended
	for i := range 12 {
		at := base.Add(time.Duration(i) * time.Hour)
		ev := signIn(at, "192.0.2.1")
		switch i % 3 {
		case 1:
			ev = service.AuditEvent{At: at, Actor: "Martin Zoé", Login: "zmartin", Action: service.AuditGenerate,
				KeyID: fmt.Sprintf("K%d", i), KeyName: fmt.Sprintf("Élève %d", i), Tiers: attached, Service: loop}
		case 2:
			ev = service.AuditEvent{At: at, Actor: creator, Login: "vdelhumeau", Action: service.AuditRevoke,
				KeyID: fmt.Sprintf("K%d", i), KeyName: fmt.Sprintf("Paie %d", i), Tiers: firm, Service: paie}
		}
		if err := s.AppendAudit(ctx, ev); err != nil {
			t.Fatalf("AppendAudit: %v", err)
		}
		all = append(all, ev)
	}
	for _, tc := range []struct {
		name string
		f    service.AuditFilter
		keep func(service.AuditEvent) bool
	}{
		{"period", service.AuditFilter{From: base.Add(3 * time.Hour), To: base.Add(7 * time.Hour)},
			func(e service.AuditEvent) bool {
				return !e.At.Before(base.Add(3*time.Hour)) && e.At.Before(base.Add(7*time.Hour))
			}},
		{"administrator", service.AuditFilter{Login: "zmartin"}, func(e service.AuditEvent) bool { return e.Login == "zmartin" }},
		{"action", service.AuditFilter{Action: service.AuditSignIn}, func(e service.AuditEvent) bool { return e.Action == service.AuditSignIn }},
		{"key name", service.AuditFilter{KeyName: "ELEVE"}, func(e service.AuditEvent) bool { return e.Action == service.AuditGenerate }},
		{"key name 1", service.AuditFilter{KeyName: "paie 1"}, func(e service.AuditEvent) bool { return e.KeyName == "Paie 11" }},
		{"combined", service.AuditFilter{Tiers: []string{firm}, Login: "vdelhumeau", From: base.Add(4 * time.Hour)},
			func(e service.AuditEvent) bool { return e.Tiers == firm && !e.At.Before(base.Add(4*time.Hour)) }},
		{"none", service.AuditFilter{Login: "personne"}, func(service.AuditEvent) bool { return false }},
	} {
		var want []service.AuditEvent
		for i := len(all) - 1; i >= 0; i-- {
			if tc.keep(all[i]) {
				want = append(want, all[i])
			}
		}
		var got []service.AuditEvent
		f := tc.f
		f.Limit = 2
		for range len(all) {
			page := audit(t, s, f)
			got = append(got, page...)
			if len(page) < f.Limit {
				break
			}
			f.Before = page[len(page)-1].ID
		}
		checkEvents(t, "Audit by "+tc.name, got, want)
		if n, err := s.CountAudit(ctx, tc.f); err != nil || n != int64(len(want)) {
			t.Fatalf("CountAudit by %s = %d, %v; want %d", tc.name, n, err, len(want))
		}
	}
}

// testAuditConcurrentChain: 16 writers appending at once (sign-ins and keys) make one
// chain, numbered without gaps, that verifies whole.
func testAuditConcurrentChain(t *testing.T, s store.Store) {
	seed(t, s)
	const writers, each = 16, 6
	errs := concurrently(writers, func(w int) error {
		for i := range each {
			var err error
			if i%2 == 0 {
				err = s.AppendAudit(t.Context(), signIn(base.Add(time.Duration(i)*time.Second), fmt.Sprintf("198.51.100.%d", w)))
			} else {
				k := newKey(t, firm, loop, fmt.Sprintf("Poste %02d clé %d", w, i), base)
				err = s.InsertKey(t.Context(), k, event(k.Key, service.AuditGenerate, k.CreatedAt))
			}
			if err != nil {
				return fmt.Errorf("writer %d event %d: %w", w, i, err)
			}
		}
		return nil
	})
	for _, err := range errs {
		if err != nil {
			t.Fatalf("concurrent appends: %v", err)
		}
	}
	evs := chainOf(t, s)
	if len(evs) != writers*each || evs[len(evs)-1].ID != writers*each {
		t.Fatalf("%d events, last numbered %d, after %d concurrent appends", len(evs), evs[len(evs)-1].ID, writers*each)
	}
	if c := verify(t, s); !c.OK() || c.Events != writers*each || c.Head.Seq != writers*each {
		t.Fatalf("VerifyAudit after concurrent appends = %+v (%s)", c, c.Message())
	}
}
