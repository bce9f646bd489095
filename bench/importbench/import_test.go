package importbench

import (
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/local"
	"sesame/service/store"
	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
	"sesame/service/store/sqlite"
	"sesame/service/store/sqlstore"
)

// The budget's population.
const (
	keys   = 100_000
	events = 300_000
)

// desktopFile writes a « Ce poste » file of keys and events, straight into its
// tables in one transaction, the events chained as the store chains them.
func desktopFile(b *testing.B) string {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "sesame.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := local.SeedCatalogue(ctx, st); err != nil {
		b.Fatal(err)
	}
	if err := st.AddTiers(ctx, service.Tiers{Code: "95963", Name: "FUTUROSCOPE CEDEX"}); err != nil {
		b.Fatal(err)
	}
	if err := st.PutAdmin(ctx, store.Admin{Login: store.LocalLogin, Name: "DELHUMEAU Vincent", SICCode: "95963", Tiers: []string{"95963"}}); err != nil {
		b.Fatal(err)
	}
	tx, err := st.DB().Begin()
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck
	at := time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)
	insert(b, tx, `INSERT INTO api_keys (id, tiers_code, service_id, name, name_folded, name_skeleton, secret_digest, secret_hint, created_at, created_by, status) VALUES `,
		11, keys, func(i int) []any {
			name := fmt.Sprintf("Paie production %d", i)
			return []any{fmt.Sprintf("K%015d", i), "95963", "loop-apikey", name, strings.ToLower(name), strings.ToLower(name),
				[]byte(fmt.Sprintf("%032d", i)), "abcd", at.UnixMicro(), store.LocalLogin, "active"}
		})
	prev := service.GenesisHash
	insert(b, tx, `INSERT INTO audit_events (id, at, actor, login, action, key_id, key_name, key_name_folded, tiers_code, service_id, addr, detail, hash) VALUES `,
		13, events, func(i int) []any {
			k := i % keys
			name := fmt.Sprintf("Paie production %d", k)
			ev := service.AuditEvent{ID: int64(i + 1), At: at.Add(time.Duration(i) * time.Second), Actor: "DELHUMEAU Vincent",
				Login: store.LocalLogin, Action: service.AuditGenerate, KeyID: fmt.Sprintf("K%015d", k), KeyName: name,
				Tiers: "95963", Service: "loop-apikey"}
			prev = service.ChainHash(prev, ev)
			sum, _ := hex.DecodeString(prev)
			return []any{ev.ID, ev.At.UnixMicro(), ev.Actor, ev.Login, string(ev.Action), ev.KeyID, ev.KeyName, strings.ToLower(name),
				ev.Tiers, ev.Service, "", "", sum}
		})
	sum, _ := hex.DecodeString(prev)
	if _, err := tx.Exec(`UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, events, sum); err != nil {
		b.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return path
}

// insert writes n rows of width columns, 500 to a statement.
func insert(b *testing.B, tx *sql.Tx, head string, width, n int, row func(int) []any) {
	b.Helper()
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
	var args []any
	for i := 0; i < n; i++ {
		args = append(args, row(i)...)
		if len(args) == 500*width || i == n-1 {
			q := head + strings.TrimSuffix(strings.Repeat(tuple+", ", len(args)/width), ", ")
			if _, err := tx.Exec(q, args...); err != nil {
				b.Fatal(err)
			}
			args = args[:0]
		}
	}
}

// BenchmarkImportIntoPostgres imports the file into a fresh PostgreSQL database as
// sesame-server import does (a private copy of the file, migrated, then read), and
// reports the seconds of the whole, the copy included.
func BenchmarkImportIntoPostgres(b *testing.B) {
	file := desktopFile(b)
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		dst, err := postgres.Open(ctx, pgtest.FreshDatabase(b))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		src, err := sqlite.OpenImportSource(ctx, file, b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		copied := time.Since(start)
		n, err := dst.Import(ctx, src.DB, sqlstore.ImportOptions{Actor: "bench"})
		took := time.Since(start)
		b.StopTimer()
		if err != nil || n.Keys != keys || n.Events != events {
			b.Fatalf("import: %+v %v", n, err)
		}
		b.ReportMetric(took.Seconds(), "s/import")
		b.ReportMetric(copied.Seconds(), "s/copy")
		src.Close()
		dst.Close()
		b.StartTimer()
	}
}
