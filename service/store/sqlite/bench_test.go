package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/local"
	"sesame/service/store"
	"sesame/service/store/sqlite"
	"sesame/service/store/storetest"
)

// benchKeys is the population of the SQLite benchmarks: a desktop file far larger than
// any firm's.
const benchKeys = 100_000

// benchStore returns a store on a new file holding benchKeys keys, inserted in one
// transaction. It runs no ANALYZE: the desktop app never does either.
func benchStore(b *testing.B) *sqlite.Store {
	b.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "sesame.db"))
	if err != nil {
		b.Fatalf("Open: %v", err)
	}
	b.Cleanup(func() { _ = s.Close() })
	start := time.Now()
	storetest.BenchSeed(b, s, store.LocalLogin)
	// Through the store's own bulk insert: the same columns, index and triggers as a
	// generation, in batches of one transaction each.
	batch := make([]store.KeyRecord, 0, 10_000)
	for i := range benchKeys {
		batch = append(batch, storetest.BenchKey(i))
		if len(batch) == cap(batch) || i == benchKeys-1 {
			if err := s.BulkInsertKeys(ctx, batch); err != nil {
				b.Fatalf("insert keys: %v", err)
			}
			batch = batch[:0]
		}
	}
	b.Logf("%d keys stored in %v", benchKeys, time.Since(start).Round(time.Millisecond))
	return s
}

// BenchmarkListKeysCriteria times the first page of the keys window on 100,000 keys:
// store.ListKeys with each criteria set, and the local Portal's ListKeys (what the
// desktop runs: profile, catalogue, then the listing). Budget: 20 ms median.
func BenchmarkListKeysCriteria(b *testing.B) {
	s := benchStore(b)
	b.Run("store", func(b *testing.B) {
		storetest.BenchListKeys(b, func(b *testing.B, f service.KeyFilter) (service.KeyPage, error) {
			return s.ListKeys(b.Context(), f)
		})
	})
	p := local.New(s, store.LocalLogin)
	b.Run("portal", func(b *testing.B) {
		storetest.BenchListKeys(b, func(b *testing.B, f service.KeyFilter) (service.KeyPage, error) {
			return p.ListKeys(b.Context(), f)
		})
	})
}
