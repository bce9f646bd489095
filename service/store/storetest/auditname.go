package storetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// testAuditNameSearch: the journal's key name criterion gives the same pages
// whether the name is carried by thousands of events (walked in order) or by a few
// (found through a text index where the store has one), with ties on the instant,
// the other criteria, paging, names shorter than a trigram, and the LIKE
// wildcards % and _ taken literally; and pages over several tiers, instants shared
// across them.
func testAuditNameSearch(t *testing.T, s store.Store) {
	seed(t, s)
	ctx := t.Context()
	names := []string{"Synchro banque %d", "Paie 100%% net_%d", "Élève %d éléphant", "Paie 100x netx%d"}
	var all []service.AuditEvent // as appended: event i+1 is all[i]
	for i := range 2600 {
		// Pairs of events share an instant: the order then goes by number.
		at := base.Add(time.Duration(i/2) * time.Minute)
		name := names[0]
		if i%200 == 50 || i%200 == 51 { // both events of an instant
			name = names[1+i/200%3]
		}
		tiers := firm
		if i%3 == 0 {
			tiers = attached
		}
		all = append(all, service.AuditEvent{At: at, Actor: creator, Login: "vdelhumeau", Action: service.AuditGenerate,
			KeyID: fmt.Sprintf("K%04d", i), KeyName: fmt.Sprintf(name, i), Tiers: tiers, Service: loop})
	}
	// Across tiers, one instant: the attached tiers' event, appended last, comes
	// before the firm's of the same instant.
	tie := base.Add(3000 * time.Minute)
	for i, e := range []struct {
		tiers string
		at    time.Time
	}{{firm, tie}, {firm, tie.Add(time.Minute)}, {attached, tie}} {
		all = append(all, service.AuditEvent{At: e.at, Actor: creator, Login: "vdelhumeau", Action: service.AuditRevoke,
			KeyID: fmt.Sprintf("T%d", i), KeyName: fmt.Sprintf("Synchro banque égalité %d", i), Tiers: e.tiers, Service: loop})
	}
	all = append(all, signIn(base.Add(time.Hour), "192.0.2.9"))
	if r, ok := s.(rawDB); ok {
		if err := AppendAudit(ctx, r.DB(), all); err != nil {
			t.Fatalf("AppendAudit: %v", err)
		}
	} else {
		for _, ev := range all {
			if err := s.AppendAudit(ctx, ev); err != nil {
				t.Fatalf("AppendAudit: %v", err)
			}
		}
	}
	newestFirst := make([]int, len(all))
	for i := range newestFirst {
		newestFirst[i] = i
	}
	slices.SortFunc(newestFirst, func(a, b int) int {
		if c := all[b].At.Compare(all[a].At); c != 0 {
			return c
		}
		return b - a
	})
	mid := base.Add(400 * time.Minute)
	for _, f := range []service.AuditFilter{
		{KeyName: "BANQUE"},
		{KeyName: "banque", Tiers: []string{attached}, To: mid},
		{KeyName: "banque", Tiers: []string{firm, attached}},
		{KeyName: "synchro", Tiers: []string{attached, firm}, From: mid},
		{Tiers: []string{attached, firm}},
		{KeyName: "egalite", Tiers: []string{firm, attached}, Limit: 2},
		{KeyName: "banque", Tiers: []string{firm, attached}, Limit: 2},
		{Tiers: []string{firm, attached}, Limit: 2},
		{KeyName: "100%"},
		{KeyName: "net_"},
		{KeyName: "Éléphant", Tiers: []string{firm, attached}},
		{KeyName: "éléphant", From: mid, Login: "vdelhumeau"},
		{KeyName: "ve"},
		{KeyName: "zèbre"},
	} {
		term := service.FoldName(f.KeyName)
		var want []service.AuditEvent
		for _, i := range newestFirst {
			ev := all[i]
			if strings.Contains(service.FoldName(ev.KeyName), term) && (len(f.Tiers) == 0 || slices.Contains(f.Tiers, ev.Tiers)) &&
				(f.From.IsZero() || !ev.At.Before(f.From)) && (f.To.IsZero() || ev.At.Before(f.To)) &&
				(f.Login == "" || ev.Login == f.Login) {
				want = append(want, ev)
			}
		}
		// The first three pages (of 40 unless said).
		var got []service.AuditEvent
		page := f
		if page.Limit == 0 {
			page.Limit = 40
		}
		for range 3 {
			evs := audit(t, s, page)
			got = append(got, evs...)
			if len(evs) < page.Limit {
				break
			}
			page.Before = evs[len(evs)-1].ID
		}
		checkEvents(t, fmt.Sprintf("Audit by key name %q (%+v)", f.KeyName, f), got, want[:min(len(want), 3*page.Limit)])
	}
}
