package storetest

import (
	"fmt"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// testListNameWords: « contient » sorted by name finds exactly the keys whose name
// holds the term, in order, across pages, however the term sits in the names: the
// common first word of hundreds of keys that all sort together, inside a longer word,
// across two words, in a word that also holds digits, in forty different words, with
// no letter at all, or nowhere; alone or with a status, among them the states few keys
// are in, which have indexes of their own (revoked, suspended).
func testListNameWords(t *testing.T, s store.Store) {
	seed(t, s)
	at := base
	var all []service.Key
	type state int
	const (
		active state = iota
		revoked
		suspended
	)
	add := func(tiers, svc, name string, st state) {
		at = at.Add(time.Second)
		k := newKey(t, tiers, svc, name, at)
		insert(t, s, k)
		switch st {
		case revoked:
			k.Key = revoke(t, s, k.Key, at.Add(time.Hour))
		case suspended:
			k.Key = suspend(t, s, k.Key, at.Add(time.Hour), "Contrat du partenaire en pause")
		}
		// The state the listing is judged by is the one built here, not only the
		// store's answer: a revocation or suspension that answered a key still active
		// would otherwise be expected as active, and listed so, unseen.
		if want := [...]service.KeyStatus{active: service.StatusActive, revoked: service.StatusRevoked, suspended: service.StatusSuspended}[st]; k.Status != want {
			t.Fatalf("key %q is %q after it was made %q", name, k.Status, want)
		}
		if tiers == firm && svc == loop {
			all = append(all, k.Key)
		}
	}
	envs := []string{"production", "recette", "développement"}
	for i := range 150 {
		// « Paie … » after « Banque … » and « Comptabilité … »: its keys come together,
		// far along the name order.
		stateOf := func(revokedEvery, suspendedEvery int) state {
			switch {
			case i%revokedEvery == 0:
				return revoked
			case i%suspendedEvery == 3:
				return suspended
			}
			return active
		}
		add(firm, loop, fmt.Sprintf("Banque %s %d", envs[i%3], i), stateOf(11, 13))
		add(firm, loop, fmt.Sprintf("Comptabilité %s %d", envs[i%3], i), stateOf(7, 17))
		add(firm, loop, fmt.Sprintf("Paie %s %d", envs[i%3], i), stateOf(5, 9))
	}
	for _, name := range []string{"Prépaie clôture", "Paiement rapide", "PAIE2025 bilan", "Zèbre paie fin", "Repaie", "2024-12", "Œuvre paie"} {
		add(firm, loop, name, active)
	}
	add(firm, loop, "Zèbre paie suspendue", suspended)
	// Forty different words that hold « qu ».
	for i := range 40 {
		add(firm, loop, fmt.Sprintf("Lot qu%c%c", 'a'+i/26, 'a'+i%26), active)
	}
	// Elsewhere: never listed here, whatever their words.
	add(other, loop, "Paie ailleurs", revoked)
	add(firm, paie, "Paie autre service", suspended)
	add(attached, loop, "Quartz paie rattaché", active)

	criteria := [][]service.KeyStatus{nil, {service.StatusActive}, {service.StatusRevoked}, {service.StatusSuspended},
		{service.StatusRevoked, service.StatusSuspended}}
	for _, term := range []string{"paie", "PAIE", "Paie prod", "aie pro", "paiement", "pai", "ie p", "e", "qu", "lot qu", "2025", "2024-1", "zzz", "banque z"} {
		for _, desc := range []bool{false, true} {
			for _, statuses := range criteria {
				f := service.KeyFilter{Tiers: firm, Service: loop, NameContains: term, Statuses: statuses,
					Sort: service.SortName, Descending: desc, Limit: 7}.Normalized()
				checkList(t, f, listAll(t, s, f), expected(all, f))
			}
		}
	}
	// The count the window shows beside the page agrees.
	f := service.KeyFilter{Tiers: firm, Service: loop, NameContains: "paie", Sort: service.SortName}.Normalized()
	if got, want := len(listAll(t, s, f)), len(expected(all, f)); got != want || want != 157 {
		t.Fatalf("name contains paie: %d keys, want %d (157 by construction)", got, want)
	}
}
