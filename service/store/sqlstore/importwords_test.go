package sqlstore_test

import (
	"context"
	"database/sql"
	"slices"
	"testing"
	"time"

	"sesame/assets"
	"sesame/service"
	"sesame/service/store"
	"sesame/service/store/sqlite"
	"sesame/service/store/sqlstore"
)

// A firm administrator's file changed by hand: its keys' name words are gone and a
// word of another firm was added instead. The import computes the words of the keys
// it copies, as the store writes them: « contient » sorted by name finds the file's
// keys on the server, and the other firm's words are only its own keys' (none of the
// file lands in its scope). On both databases, dry run and real import.
func TestImportComputesNameWords(t *testing.T) {
	ctx := context.Background()
	for name, open := range bothStores() {
		t.Run(name, func(t *testing.T) {
			file, _, _ := olderFile(t, sqlstore.LatestVersion())
			craft, err := sql.Open("sqlite", file)
			if err != nil {
				t.Fatal(err)
			}
			for _, stmt := range []string{
				`DELETE FROM key_name_words`,
				`INSERT INTO key_name_words (tiers, service, word, first_name, last_name, keys) VALUES ('77001', 'loop-apikey', 'intrus', 'a', 'z', 1)`,
			} {
				if _, err := craft.ExecContext(ctx, stmt); err != nil {
					t.Fatalf("crafting: %v", err)
				}
			}
			craft.Close()

			target := open(t)
			defer target.Close()
			if err := target.AddTiers(ctx, service.Tiers{Code: "77001", Name: "AUTRE CABINET"}); err != nil {
				t.Fatal(err)
			}
			cat, err := assets.DefaultCatalogue()
			if err != nil {
				t.Fatal(err)
			}
			if err := target.PutCatalogue(ctx, cat); err != nil {
				t.Fatal(err)
			}
			c, err := service.NewCredentials()
			if err != nil {
				t.Fatal(err)
			}
			at := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
			theirs := service.Key{ID: c.Identifier, Tiers: "77001", Service: "loop-apikey", Name: "Compta", CreatedAt: at,
				CreatedBy: "Martin Zoé", Status: service.StatusActive, SecretHint: service.SecretHint(c.Secret)}
			if err := target.InsertKey(ctx, store.KeyRecord{Key: theirs, Digest: service.SecretDigest(c.Secret)},
				service.AuditEvent{At: at, Actor: "Martin Zoé", Action: service.AuditGenerate, KeyID: theirs.ID, KeyName: theirs.Name, Tiers: "77001", Service: "loop-apikey"}); err != nil {
				t.Fatal(err)
			}

			for _, dry := range []bool{true, false} {
				src, err := sqlite.OpenImportSource(ctx, file, t.TempDir())
				if err != nil {
					t.Fatal(err)
				}
				if _, err := target.Import(ctx, src.DB, sqlstore.ImportOptions{Actor: "Import", Firm: "95963", Dry: dry}); err != nil {
					t.Fatalf("import (dry %v): %v", dry, err)
				}
				src.Close()
			}
			for _, term := range []string{"banque", "RELANCE"} {
				page, err := target.ListKeys(ctx, service.KeyFilter{Tiers: "95963", Service: "loop-apikey", NameContains: term, Sort: service.SortName}.Normalized())
				if err != nil || len(page.Keys) != 1 {
					t.Fatalf("name contains %q sorted by name on the server: %+v, %v", term, page.Keys, err)
				}
			}
			raw := target.DB()
			for _, q := range []string{
				`SELECT word FROM key_name_words WHERE tiers = '77001' ORDER BY word`,
			} {
				var words []string
				rows, err := raw.QueryContext(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				for rows.Next() {
					var w string
					if err := rows.Scan(&w); err != nil {
						t.Fatal(err)
					}
					words = append(words, w)
				}
				rows.Close()
				if !slices.Equal(words, []string{"compta"}) {
					t.Fatalf("%s: %q, want only the words of the other firm's own key", q, words)
				}
			}
		})
	}
}
