package sqlstore_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// A generated key's name words are stored with it, each with the first and last names
// that hold it and how many keys hold it, and « contient » reads them: sorted by name
// its walk keeps within the bounds, and a term that no word holds finds nothing. On
// both databases.
func TestNameWordsAreWrittenAndRead(t *testing.T) {
	for name, open := range bothStores() {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := open(t)
			if err := st.AddTiers(ctx, service.Tiers{Code: "95963", Name: "FUTUROSCOPE"}); err != nil {
				t.Fatal(err)
			}
			if err := st.PutCatalogue(ctx, service.Catalogue{Categories: []string{"C"}, Entries: []service.CatalogueEntry{{ID: "loop-apikey", Name: "Loop", Category: "C", AcceptsKeys: true}}}); err != nil {
				t.Fatal(err)
			}
			at := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
			for i, n := range []string{"Paie Élève 2025", "Notes de frais", "Paie zèbre"} {
				c, err := service.NewCredentials()
				if err != nil {
					t.Fatal(err)
				}
				k := service.Key{ID: c.Identifier, Tiers: "95963", Service: "loop-apikey", Name: n, CreatedAt: at.Add(time.Duration(i) * time.Second),
					CreatedBy: "Martin Zoé", Status: service.StatusActive, SecretHint: service.SecretHint(c.Secret)}
				if err := st.InsertKey(ctx, store.KeyRecord{Key: k, Digest: service.SecretDigest(c.Secret)},
					service.AuditEvent{At: k.CreatedAt, Actor: "Martin Zoé", Action: service.AuditGenerate, KeyID: k.ID, KeyName: n, Tiers: "95963", Service: "loop-apikey"}); err != nil {
					t.Fatal(err)
				}
			}
			var words []string
			rows, err := st.DB().QueryContext(ctx, `SELECT word, first_name, last_name, keys FROM key_name_words ORDER BY word`)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var w, first, last string
				var keys int
				if err := rows.Scan(&w, &first, &last, &keys); err != nil {
					t.Fatal(err)
				}
				words = append(words, fmt.Sprintf("%s: %s … %s (%d)", w, first, last, keys))
			}
			rows.Close()
			want := []string{"de: notes de frais … notes de frais (1)", "eleve: paie eleve 2025 … paie eleve 2025 (1)", "frais: notes de frais … notes de frais (1)",
				"notes: notes de frais … notes de frais (1)", "paie: paie eleve 2025 … paie zebre (2)", "zebre: paie zebre … paie zebre (1)"}
			if !slices.Equal(words, want) {
				t.Fatalf("stored words %q, want %q", words, want)
			}
			list := func(sort service.KeySortField) int {
				page, err := st.ListKeys(ctx, service.KeyFilter{Tiers: "95963", Service: "loop-apikey", NameContains: "ÉLÈVE", Sort: sort}.Normalized())
				if err != nil {
					t.Fatal(err)
				}
				return len(page.Keys)
			}
			if list(service.SortName) != 1 || list(service.SortCreatedAt) != 1 {
				t.Fatalf("with its words: %d by name, %d by date, want 1 and 1", list(service.SortName), list(service.SortCreatedAt))
			}
			// Bounds that leave the key out: sorted by name it is no longer found, as the
			// walk keeps within them; sorted by date it still is. No row for its word:
			// no key holds the term, in any order.
			for _, c := range []struct {
				stmt           string
				byName, byDate int
			}{
				{`UPDATE key_name_words SET first_name = 'q', last_name = 'r' WHERE word = 'eleve'`, 0, 1},
				{`DELETE FROM key_name_words WHERE word = 'eleve'`, 0, 0},
			} {
				if _, err := st.DB().ExecContext(ctx, c.stmt); err != nil {
					t.Fatal(err)
				}
				if n, d := list(service.SortName), list(service.SortCreatedAt); n != c.byName || d != c.byDate {
					t.Fatalf("after %s: %d by name, %d by date, want %d and %d", c.stmt, n, d, c.byName, c.byDate)
				}
			}
		})
	}
}
