package sqlstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"sesame/assets"
	"sesame/service"
	"sesame/service/store"
	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
	"sesame/service/store/sqlite"
	"sesame/service/store/sqlstore"
	"sesame/service/store/storetest"
)

// A desktop file of a few thousand keys imported into a new PostgreSQL server, whose
// tables have no statistics yet: « contient » sorted by name, read through the name
// words, then reads each key a bounded number of times. Without statistics the planner
// joined each of a word's keys to a walk of the firm's whole name index (a few keys'
// worth of work per key became the firm's, quadratic: tens of seconds for ten
// thousand keys, where the listing sorted by date took milliseconds). Counted in the
// database's buffer reads, not in time.
func TestImportLeavesTheWordsPathCheap(t *testing.T) {
	ctx := context.Background()
	const n = 2000
	path := filepath.Join(t.TempDir(), "sesame.db")
	file, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := file.AddTiers(ctx, service.Tiers{Code: "95963", Name: "FUTUROSCOPE CEDEX"}); err != nil {
		t.Fatal(err)
	}
	cat, err := assets.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	if err := file.PutCatalogue(ctx, cat); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	keys := make([]store.KeyRecord, n)
	for i := range keys {
		c, err := service.NewCredentials()
		if err != nil {
			t.Fatal(err)
		}
		keys[i] = store.KeyRecord{Key: service.Key{ID: c.Identifier, Tiers: "95963", Service: "loop-apikey", Name: fmt.Sprintf("Paie Élève %05d", i),
			CreatedAt: at.Add(time.Duration(i) * time.Second), CreatedBy: "Martin Zoé", Status: service.StatusActive, SecretHint: service.SecretHint(c.Secret)},
			Digest: service.SecretDigest(c.Secret)}
	}
	if err := storetest.InsertKeys(ctx, file.DB(), keys); err != nil {
		t.Fatal(err)
	}
	if err := file.Close(); err != nil {
		t.Fatal(err)
	}

	target, err := postgres.Open(ctx, pgtest.FreshDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer target.Close()
	src, err := sqlite.OpenImportSource(ctx, path, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := target.Import(ctx, src.DB, sqlstore.ImportOptions{Actor: "Import"}); err != nil {
		t.Fatal(err)
	}
	src.Close()

	// A term whose word every key holds, found in a few keys only: the words of
	// « eleve » are all read.
	f := service.KeyFilter{Tiers: "95963", Service: "loop-apikey", NameContains: "élève 0120", Sort: service.SortName}.Normalized()
	page, err := target.ListKeys(ctx, f)
	if err != nil || len(page.Keys) != 10 {
		t.Fatalf("name contains %q sorted by name: %d keys, %v; want 10", f.NameContains, len(page.Keys), err)
	}
	q, args, ok, err := target.NameWordsQuery(ctx, f)
	if err != nil || !ok {
		t.Fatalf("the listing does not read the words: %v, %v", ok, err)
	}
	var plan []struct {
		Plan struct {
			SharedHit  int64 `json:"Shared Hit Blocks"`
			SharedRead int64 `json:"Shared Read Blocks"`
		} `json:"Plan"`
	}
	var text []byte
	if err := target.DB().QueryRowContext(ctx, `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) `+q, args...).Scan(&text); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(text, &plan); err != nil || len(plan) != 1 {
		t.Fatalf("plan %s: %v", text, err)
	}
	// Each key: its word row, then api_keys by its primary key (a few index pages and
	// the row); the firm's whole index for each key would be hundreds of times more.
	blocks := plan[0].Plan.SharedHit + plan[0].Plan.SharedRead
	t.Logf("the words path read %d blocks for %d keys", blocks, n)
	if blocks > 10*n {
		t.Fatalf("the words path read %d blocks for %d keys, want at most %d:\n%s", blocks, n, 10*n, text)
	}
}
