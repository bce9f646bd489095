package postgres_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"sesame/service"
	"sesame/service/local"
	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
	"sesame/service/store/storetest"
)

// BenchKeysEnv sets how many keys the PostgreSQL benchmarks store: 1,000,000 by
// default (budget 30 ms, issue 3), 10,000,000 for bench/store postgres10m (budget
// 50 ms, issue 12).
const BenchKeysEnv = "SESAME_BENCH_KEYS"

func benchKeys(b *testing.B) int {
	n := 1_000_000
	if v := os.Getenv(BenchKeysEnv); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1000 || n > 20_000_000 {
			b.Fatalf("%s=%q: a number of keys from 1000 to 20,000,000", BenchKeysEnv, v)
		}
	}
	return n
}

// benchStore returns a store on a fresh database holding the benchmark's keys,
// copied in with COPY while the table's secondary indexes are set aside (rebuilding
// them once is far quicker than maintaining them row by row), then vacuumed and
// analysed as autovacuum would after a bulk load.
func benchStore(b *testing.B) *postgres.Store {
	b.Helper()
	ctx := context.Background()
	n := benchKeys(b)
	dbURL := pgtest.FreshDatabase(b)
	s := open(b, dbURL)
	start := time.Now()
	storetest.BenchSeed(b, s, "bench")
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		b.Fatalf("connect for COPY: %v", err)
	}
	defer conn.Close(ctx)
	exec := func(sql string) {
		if _, err := conn.Exec(ctx, sql); err != nil {
			b.Fatalf("%s: %v", sql, err)
		}
	}
	exec(`SET maintenance_work_mem = '512MB'`)
	indexes := setIndexesAside(b, conn)
	cols := []string{"id", "tiers_code", "service_id", "name", "name_folded", "name_skeleton", "secret_digest", "secret_hint",
		"created_at", "created_by", "status", "revoked_at", "revoked_by", "last_used_at", "last_used_from", "expires_at"}
	i := 0
	copied, err := conn.CopyFrom(ctx, pgx.Identifier{"api_keys"}, cols, pgx.CopyFromFunc(func() ([]any, error) {
		if i == n {
			return nil, nil
		}
		k := storetest.BenchKey(i)
		i++
		var revokedAt, revokedBy, lastUsedAt, expiresAt any
		if k.Status == service.StatusRevoked {
			revokedAt, revokedBy = k.RevokedAt.UnixMicro(), k.RevokedBy
		}
		// The key's life as SQLite's bulk insert stores it: without it, "Expirée"
		// and "Expire avant le" found no key and "Inutilisée depuis" every old one.
		if !k.LastUsedAt.IsZero() {
			lastUsedAt = k.LastUsedAt.UnixMicro()
		}
		if !k.ExpiresAt.IsZero() {
			expiresAt = k.ExpiresAt.UnixMicro()
		}
		return []any{k.ID, k.Tiers, k.Service, k.Name, service.FoldName(k.Name), service.KeyNameSkeleton(k.Name), k.Digest, k.SecretHint,
			k.CreatedAt.UnixMicro(), k.CreatedBy, string(k.Status), revokedAt, revokedBy, lastUsedAt, k.LastUsedFrom, expiresAt}, nil
	}))
	if err != nil || int(copied) != n {
		b.Fatalf("COPY: %d rows, %v", copied, err)
	}
	copiedAt := time.Now()
	for _, def := range indexes {
		exec(def)
	}
	exec(`VACUUM ANALYZE api_keys`)
	b.Logf("%s keys stored in %v (COPY %v, indexes and VACUUM %v)", thousands(n), time.Since(start).Round(time.Second),
		copiedAt.Sub(start).Round(time.Second), time.Since(copiedAt).Round(time.Second))
	return s
}

// setIndexesAside drops the secondary indexes of api_keys (not its primary key) and
// returns the statements that make them again.
func setIndexesAside(b *testing.B, conn *pgx.Conn) []string {
	b.Helper()
	ctx := context.Background()
	rows, err := conn.Query(ctx, `SELECT i.indexname, i.indexdef FROM pg_indexes i
		WHERE i.tablename = 'api_keys' AND i.schemaname = current_schema()
		AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`)
	if err != nil {
		b.Fatalf("list indexes: %v", err)
	}
	names, defs, err := collectIndexes(rows)
	if err != nil {
		b.Fatalf("list indexes: %v", err)
	}
	for _, name := range names {
		if _, err := conn.Exec(ctx, `DROP INDEX `+pgx.Identifier{name}.Sanitize()); err != nil {
			b.Fatalf("drop index %s: %v", name, err)
		}
	}
	return defs
}

func collectIndexes(rows pgx.Rows) (names, defs []string, err error) {
	defer rows.Close()
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			return nil, nil, err
		}
		names, defs = append(names, name), append(defs, def)
	}
	return names, defs, rows.Err()
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// BenchmarkListKeysCriteria times the first page of the keys window on the
// benchmark's keys: store.ListKeys with each criteria set, and the local Portal's
// ListKeys (what GET /v1/keys runs: profile, catalogue, then the listing).
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
