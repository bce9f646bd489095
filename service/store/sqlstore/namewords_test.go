package sqlstore_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// A generated key's name words are stored with it, each with the first and last
// names that hold it, and « contient » sorted by name keeps its walk within them: a key
// left outside its word's bounds, or whose word row is taken away, is no longer found
// that way, while the same criterion sorted by date still finds it. On both databases.
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
			rows, err := st.DB().QueryContext(ctx, `SELECT word, first_name, last_name FROM key_name_words ORDER BY word`)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var w, first, last string
				if err := rows.Scan(&w, &first, &last); err != nil {
					t.Fatal(err)
				}
				words = append(words, w+": "+first+" … "+last)
			}
			rows.Close()
			want := []string{"de: notes de frais … notes de frais", "eleve: paie eleve 2025 … paie eleve 2025", "frais: notes de frais … notes de frais",
				"notes: notes de frais … notes de frais", "paie: paie eleve 2025 … paie zebre", "zebre: paie zebre … paie zebre"}
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
			// Bounds that leave the key out, then no row for its word: sorted by name it
			// is no longer found, as the walk keeps within the bounds.
			for _, stmt := range []string{`UPDATE key_name_words SET first_name = 'q', last_name = 'r' WHERE word = 'eleve'`, `DELETE FROM key_name_words WHERE word = 'eleve'`} {
				if _, err := st.DB().ExecContext(ctx, stmt); err != nil {
					t.Fatal(err)
				}
				if list(service.SortName) != 0 || list(service.SortCreatedAt) != 1 {
					t.Fatalf("after %s: %d by name, %d by date, want 0 (the walk keeps to the bounds) and 1", stmt, list(service.SortName), list(service.SortCreatedAt))
				}
			}
		})
	}
}
