package storetest

import (
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// testListNameContains: the name criterion ignores case and accents ("ELEVE" finds
// "Élève") and matches %, _ and \ literally, not as LIKE patterns.
func testListNameContains(t *testing.T, s store.Store) {
	all := population(t, s)
	eleve := []string{"Élève", "eleve", "ÉLÈVE"}
	for _, tc := range []struct {
		query string
		words []string // the name words whose keys must be found, and only those
	}{
		{"ELEVE", eleve},
		{"élève", eleve},
		{"  Eleve ", eleve},
		{"OEUVRE", []string{"œuvre"}},
		{"angstrom", []string{"Ångström"}},
		{"%", []string{"100% sûr"}},
		{"0% S", []string{"100% sûr"}},
		{"_", []string{"a_b", "Robert'); DROP TABLE api_keys;--"}},
		{"a_b", []string{"a_b"}},
		{`\`, []string{`C:\dossier`}},
		{`:\D`, []string{`C:\dossier`}},
		{"'", []string{"l'été", "Robert'); DROP TABLE api_keys;--"}},
		{"DROP TABLE", []string{"Robert'); DROP TABLE api_keys;--"}},
		{"<B>", []string{"<b>gras</b>"}},
		{"zzz", nil},
	} {
		f := service.KeyFilter{Tiers: firm, Service: loop, NameContains: tc.query, Limit: 30}.Normalized()
		got := listAll(t, s, f)
		checkList(t, f, got, expected(all, f))
		want := 0
		for _, k := range all {
			if hasWord(k.Name, tc.words) {
				want++
			}
		}
		for _, k := range got {
			if !hasWord(k.Name, tc.words) {
				t.Fatalf("name contains %q found %q; want only names made of %q", tc.query, k.Name, tc.words)
			}
		}
		if len(got) != want {
			t.Fatalf("name contains %q found %d keys, want %d (names made of %q)", tc.query, len(got), want, tc.words)
		}
	}
}

// hasWord reports whether a population name is made of one of the words.
func hasWord(name string, words []string) bool {
	for _, w := range words {
		if strings.HasPrefix(name, w+" ") {
			return true
		}
	}
	return false
}

// verbatimNames are names that SQL, markup or Unicode handling could alter.
var verbatimNames = []string{
	`Robert'); DROP TABLE api_keys;--`,
	`<script>alert("clé")</script>`,
	`"guillemets" et 'apostrophes' et ‘typographiques’`,
	`%_\`,
	`100 % \% \\ _`,
	`$1 ? :nom @p1 /* */ --`,
	`Clé 🔑 d'accès`,
	"famille 👩\u200d👩\u200d👧",
	`Ω≈ç√∫ ﬁ ǅ İstanbul`,
	`e` + "\u0301" + `cole (décomposé)`,
}

// testVerbatimNames: names come back byte for byte and each one finds itself.
func testVerbatimNames(t *testing.T, s store.Store) {
	seed(t, s)
	var keys []service.Key
	for i, name := range verbatimNames {
		k := newKey(t, firm, loop, name, base.Add(time.Duration(i)*time.Second))
		insert(t, s, k)
		keys = append(keys, k.Key)
	}
	for _, k := range keys {
		if got := keyByID(t, s, k.ID); got.Name != k.Name {
			t.Fatalf("KeyByID name = %q, want %q", got.Name, k.Name)
		}
		f := service.KeyFilter{Tiers: firm, Service: loop, NameContains: k.Name}.Normalized()
		got := listAll(t, s, f)
		found := false
		for _, g := range got {
			found = found || g.ID == k.ID && g.Name == k.Name
		}
		if !found {
			t.Fatalf("name contains %q did not find its own key (found %d)", k.Name, len(got))
		}
		checkList(t, f, got, expected(keys, f))
	}
	f := service.KeyFilter{Tiers: firm, Service: loop, Sort: service.SortName, Limit: 3}.Normalized()
	checkList(t, f, listAll(t, s, f), expected(keys, f))
}
