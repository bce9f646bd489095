package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"sesame/service"
	"sesame/service/local"
	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
	"sesame/service/store/storetest"
)

// benchKeys is the population of the PostgreSQL benchmarks: the budget of issue 3 is
// for 1,000,000 keys.
const benchKeys = 1_000_000

// benchStore returns a store on a fresh database holding benchKeys keys, copied in
// with COPY, then vacuumed and analysed as autovacuum would after a bulk load.
func benchStore(b *testing.B) *postgres.Store {
	b.Helper()
	ctx := context.Background()
	dbURL := pgtest.FreshDatabase(b)
	s := open(b, dbURL)
	start := time.Now()
	storetest.BenchSeed(b, s, "bench")
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		b.Fatalf("connect for COPY: %v", err)
	}
	defer conn.Close(ctx)
	cols := []string{"id", "tiers_code", "service_id", "name", "name_folded", "secret_digest", "secret_hint",
		"created_at", "created_by", "status", "revoked_at", "revoked_by", "last_used_at", "expires_at"}
	i := 0
	n, err := conn.CopyFrom(ctx, pgx.Identifier{"api_keys"}, cols, pgx.CopyFromFunc(func() ([]any, error) {
		if i == benchKeys {
			return nil, nil
		}
		k := storetest.BenchKey(i)
		i++
		var revokedAt, revokedBy any
		if k.Status == service.StatusRevoked {
			revokedAt, revokedBy = k.RevokedAt.UnixMicro(), k.RevokedBy
		}
		return []any{k.ID, k.Tiers, k.Service, k.Name, service.FoldName(k.Name), k.Digest, k.SecretHint,
			k.CreatedAt.UnixMicro(), k.CreatedBy, string(k.Status), revokedAt, revokedBy, nil, nil}, nil
	}))
	if err != nil || n != benchKeys {
		b.Fatalf("COPY: %d rows, %v", n, err)
	}
	if _, err := conn.Exec(ctx, `VACUUM ANALYZE api_keys`); err != nil {
		b.Fatalf("VACUUM ANALYZE: %v", err)
	}
	b.Logf("%d keys stored in %v", benchKeys, time.Since(start).Round(time.Millisecond))
	return s
}

// BenchmarkListKeysCriteria times the first page of the keys window on 1,000,000 keys:
// store.ListKeys with each criteria set, and the local Portal's ListKeys (what
// GET /v1/keys runs: profile, catalogue, then the listing). Budget: 30 ms median.
func BenchmarkListKeysCriteria(b *testing.B) {
	s := benchStore(b)
	b.Run("store", func(b *testing.B) {
		storetest.BenchListKeys(b, func(b *testing.B, f service.KeyFilter) (service.KeyPage, error) {
			return s.ListKeys(b.Context(), f)
		})
	})
	p := local.New(s, "bench")
	b.Run("portal", func(b *testing.B) {
		storetest.BenchListKeys(b, func(b *testing.B, f service.KeyFilter) (service.KeyPage, error) {
			return p.ListKeys(b.Context(), f)
		})
	})
}
