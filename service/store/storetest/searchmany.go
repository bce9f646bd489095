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

// testListNameContainsManyAndFew: a store may look names up in a text index first and
// fetch few matches by ID, falling back to its sorted scan when matches are many;
// either way the answer is the same: every match, only in this tiers and service, in
// the asked order, across pages.
func testListNameContainsManyAndFew(t *testing.T, s store.Store) {
	seed(t, s)
	at := base
	add := func(tiers, svc, name string) {
		at = at.Add(time.Second)
		insert(t, s, newKey(t, tiers, svc, name, at))
	}
	for i := 0; i < 620; i++ {
		add(firm, loop, fmt.Sprintf("Commun %03d", i))
	}
	for i := 0; i < 3; i++ {
		add(firm, loop, fmt.Sprintf("Rareté %d", i))
		add(other, loop, fmt.Sprintf("Rareté ailleurs %d", i))
		add(firm, paie, fmt.Sprintf("Rareté autre service %d", i))
	}
	add(firm, loop, `Surnom "Felix" entre guillemets`)
	// The common word inside a few names, some sorting before the many that start
	// with it and some after, one revoked: a store may take the names that start
	// with it as a range of its name index and merge these.
	add(firm, loop, "Assez commun A")
	add(firm, loop, "Peu commun B")
	add(firm, loop, "Zèbre commun C")
	old := newKey(t, firm, loop, "Ancien commun D", at.Add(time.Second))
	insert(t, s, old)
	revoke(t, s, old.Key, at.Add(time.Minute))

	for _, tc := range []struct {
		query string
		want  int
	}{
		{"COMMUN", 624},   // many: the sorted scan, or the prefix range and a few more
		{"commun 61", 10}, // few, by the index
		{"rarete", 3},     // few, other tiers and services excluded
		{`"felix"`, 1},    // a double quote is a character, not syntax
		{"co", 624},       // too short for a trigram
		{"absent", 0},
	} {
		for _, desc := range []bool{false, true} {
			f := service.KeyFilter{Tiers: firm, Service: loop, NameContains: tc.query, Sort: service.SortName, Descending: desc, Limit: 100}.Normalized()
			got := listAll(t, s, f)
			if len(got) != tc.want {
				t.Fatalf("name contains %q (desc=%v): %d keys, want %d", tc.query, desc, len(got), tc.want)
			}
			for i := 1; i < len(got); i++ {
				a, b := service.FoldName(got[i-1].Name), service.FoldName(got[i].Name)
				if desc && a < b || !desc && a > b {
					t.Fatalf("name contains %q: %q listed before %q (desc=%v)", tc.query, got[i-1].Name, got[i].Name, desc)
				}
			}
		}
	}
	// Active only, by name both ways: the revoked one is left out, the others are in
	// their places.
	for _, desc := range []bool{false, true} {
		f := service.KeyFilter{Tiers: firm, Service: loop, NameContains: "commun", Statuses: []service.KeyStatus{service.StatusActive},
			Sort: service.SortName, Descending: desc, Limit: 50}.Normalized()
		got := listAll(t, s, f)
		want := []string{"Assez commun A", "Peu commun B", "Zèbre commun C"}
		for i := 0; i < 620; i++ {
			want = append(want, fmt.Sprintf("Commun %03d", i))
		}
		slices.SortFunc(want, func(a, b string) int { return strings.Compare(service.FoldName(a), service.FoldName(b)) })
		if desc {
			slices.Reverse(want)
		}
		var names []string
		for _, k := range got {
			names = append(names, k.Name)
		}
		if !slices.Equal(names, want) {
			t.Fatalf("active names containing commun (desc=%v): %d keys %q…, want %d %q…", desc, len(names), names[:min(4, len(names))], len(want), want[:4])
		}
	}
}
