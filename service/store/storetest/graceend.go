package storetest

import (
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// testGraceEndsByTime: a grace that runs out (a fixed end, or the new secret's first
// use plus a day) is written to the journal by the next sweep, once however many
// sweep at once or later, dated when it ended and not when it was noticed, with no
// administrator, in the order the graces ended, and the chain stays whole. A grace
// still running or waiting for a first use is not. Ending by hand a grace that has
// already run out is refused and writes nothing.
func testGraceEndsByTime(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	at := base.Add(time.Hour)
	renewed := func(name string, until time.Time) store.KeyRecord {
		k := newKey(t, firm, loop, name, base)
		insert(t, s, k)
		if _, err := s.RenewKey(ctx, renewal(t, k, 1, at, true, until), event(k.Key, service.AuditRenew, at)); err != nil {
			t.Fatalf("RenewKey(%s): %v", name, err)
		}
		return k
	}
	late := renewed("Fin à 3 h", at.Add(3*time.Hour))
	early := renewed("Fin à 1 h", at.Add(time.Hour))
	firstUse := renewed("Premier usage", time.Time{})
	running := renewed("Fin dans 7 jours", at.Add(7*24*time.Hour))
	waiting := renewed("Jamais utilisée", time.Time{})
	first := at.Add(30 * time.Minute)
	if err := s.TouchKeys(ctx, []store.KeyUse{{ID: firstUse.ID, Version: 2, LastAt: first, NewFirst: first}}); err != nil {
		t.Fatalf("TouchKeys: %v", err)
	}
	before := len(chainOf(t, s))

	// Nothing has run out yet.
	if err := s.ForgetEndedGraces(ctx, at.Add(time.Hour-time.Microsecond)); err != nil {
		t.Fatalf("ForgetEndedGraces: %v", err)
	}
	if n := len(chainOf(t, s)); n != before {
		t.Fatalf("a sweep before any grace ran out wrote %d events", n-before)
	}
	// Ended by hand after it ran out: refused, nothing written, the digest kept for
	// the sweep.
	_, err := s.EndGrace(ctx, early.ID, event(early.Key, service.AuditEndGrace, at.Add(2*time.Hour)))
	wantCode(t, err, service.ECONFLICT, "EndGrace after the grace ran out")
	if got := service.ErrorMessage(err); got != service.MsgNoGrace {
		t.Fatalf("EndGrace after the grace ran out: %q, want %q", got, service.MsgNoGrace)
	}
	if rec := keyByID(t, s, early.ID); rec.OldDigest == nil {
		t.Fatal("a refused EndGrace forgot the old digest")
	}

	// Noticed two days later, by six sweepers at once, then again.
	now := at.Add(48 * time.Hour)
	for i, err := range concurrently(6, func(int) error { return s.ForgetEndedGraces(ctx, now) }) {
		if err != nil {
			t.Fatalf("sweeper %d: %v", i, err)
		}
	}
	if err := s.ForgetEndedGraces(ctx, now.Add(time.Hour)); err != nil {
		t.Fatalf("ForgetEndedGraces again: %v", err)
	}
	chain := chainOf(t, s)
	ends := chain[before:]
	end := func(k store.KeyRecord, when time.Time) service.AuditEvent {
		return service.AuditEvent{At: when, Action: service.AuditEndGrace, KeyID: k.ID, KeyName: k.Name,
			Tiers: k.Tiers, Service: k.Service, Detail: service.AuditDetailGraceRanOut}
	}
	checkEvents(t, "the journal's new events, oldest first", ends, []service.AuditEvent{
		end(early, at.Add(time.Hour)), end(late, at.Add(3*time.Hour)), end(firstUse, first.Add(service.FirstUseGrace)),
	})
	for _, k := range []store.KeyRecord{early, late, firstUse} {
		if rec := keyByID(t, s, k.ID); rec.OldDigest != nil || rec.OldSecret != nil {
			t.Fatalf("%q: old secret kept after its grace ran out", k.Name)
		}
	}
	for _, k := range []store.KeyRecord{running, waiting} {
		if rec := keyByID(t, s, k.ID); rec.OldDigest == nil {
			t.Fatalf("%q: old secret forgotten while its grace runs", k.Name)
		}
	}
	if c := verify(t, s); !c.OK() || c.Events != int64(len(chain)) {
		t.Fatalf("VerifyAudit after the sweeps = %+v (%s)", c, c.Message())
	}
	// A page of the journal places each end at its own instant, not at the sweep's.
	page := audit(t, s, service.AuditFilter{From: at.Add(time.Hour), To: at.Add(4 * time.Hour)})
	checkEvents(t, "the journal from 1 h to 4 h after the renewals", page, []service.AuditEvent{
		end(late, at.Add(3*time.Hour)), end(early, at.Add(time.Hour)),
	})
}
