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
	for _, t := range storetest.BenchTiersList() {
		if err := s.AddTiers(ctx, t); err != nil {
			b.Fatalf("AddTiers: %v", err)
		}
	}
	if err := s.PutCatalogue(ctx, storetest.BenchCatalogue()); err != nil {
		b.Fatalf("PutCatalogue: %v", err)
	}
	admin := store.Admin{Login: store.LocalLogin, Name: "Delhumeau Vincent", SICCode: storetest.BenchTiers, Tiers: []string{storetest.BenchTiers}}
	if err := s.PutAdmin(ctx, admin); err != nil {
		b.Fatalf("PutAdmin: %v", err)
	}
	tx, err := s.DB().BeginTx(ctx, nil)
	if err != nil {
		b.Fatalf("begin: %v", err)
	}
	defer func() { _ = tx.Rollback() }()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO api_keys (id, tiers_code, service_id, name, name_folded,
		secret_digest, secret_hint, created_at, created_by, status, revoked_at, revoked_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		b.Fatalf("prepare: %v", err)
	}
	for i := range benchKeys {
		k := storetest.BenchKey(i)
		var revokedAt, revokedBy any
		if k.Status == service.StatusRevoked {
			revokedAt, revokedBy = k.RevokedAt.UnixMicro(), k.RevokedBy
		}
		if _, err := stmt.ExecContext(ctx, k.ID, k.Tiers, k.Service, k.Name, service.FoldName(k.Name), k.Digest,
			k.SecretHint, k.CreatedAt.UnixMicro(), k.CreatedBy, string(k.Status), revokedAt, revokedBy); err != nil {
			b.Fatalf("insert key %d: %v", i, err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatalf("commit: %v", err)
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
