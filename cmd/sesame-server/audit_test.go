package main_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/local"
	"sesame/service/store/postgres/pgtest"
)

// audit export and audit verify on both databases: the export is the CSV Excel
// reads, written whole under --out or not at all, filtered by the criteria; verify
// exits 0 on a whole chain and 1 naming the event altered in the database.
func TestAuditCommands(t *testing.T) {
	for name, dsn := range map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "sesame.db") },
		"postgres": func(t *testing.T) string { return pgtest.FreshDatabase(t) },
	} {
		t.Run(name, func(t *testing.T) {
			db := dsn(t)
			if r := sesame(t, "", "tiers", "add", "--db", db, "--code", "95963", "--name", "FUTUROSCOPE CEDEX"); r.code != 0 {
				t.Fatalf("tiers add: %+v", r)
			}
			if r := sesame(t, "Pass phrase "+strings.Repeat("x", 8)+"\n", "admin", "add", "--db", db, "--login", "vdelhumeau", "--name", "DELHUMEAU Vincent", "--tiers", "95963"); r.code != 0 {
				t.Fatalf("admin add: %+v", r)
			}
			st, err := openDB(t, db)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if err := local.SeedCatalogue(ctx, st); err != nil {
				t.Fatal(err)
			}
			p := local.New(st, "vdelhumeau").WithAddr("203.0.113.5")
			for _, n := range []string{"Banque", "Paie", "Relances"} {
				if _, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: n}); err != nil {
					t.Fatal(err)
				}
			}

			out := filepath.Join(t.TempDir(), "journal.csv")
			r := sesame(t, "", "audit", "export", "--db", db, "--out", out, "--key", "paie", "--from", time.Now().Format("02/01/2006"))
			if r.code != 0 || !strings.Contains(r.stderr, "1 événements exportés") {
				t.Fatalf("audit export: %+v", r)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			rd := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
			rd.Comma, rd.FieldsPerRecord = ';', -1
			lines, err := rd.ReadAll()
			if err != nil || len(lines) != 3 || !slices.Equal(lines[0], service.AuditCSVHeader) || lines[1][5] != "Paie" ||
				lines[1][9] != "203.0.113.5" || lines[2][0] != service.AuditCSVHeadLabel || lines[2][1] != "3" {
				t.Fatalf("export %q, %v", lines, err)
			}
			if r := sesame(t, "", "audit", "export", "--db", db); r.code != 0 || strings.Count(r.stdout, "\r\n") != 5 || !strings.HasPrefix(r.stdout, "\uFEFF") {
				t.Fatalf("export to stdout: %+v", r)
			}
			oneLineError(t, sesame(t, "", "audit", "export", "--db", db, "--from", "2025-01-01"), 2, "JJ/MM/AAAA")
			missing := filepath.Join(t.TempDir(), "absent", "journal.csv")
			oneLineError(t, sesame(t, "", "audit", "export", "--db", db, "--out", missing), 1, service.MsgAuditWrite)

			r = sesame(t, "", "audit", "verify", "--db", db)
			if r.code != 0 || !strings.Contains(r.stdout, "les 3 événements") || !strings.Contains(r.stdout, lines[2][2]) {
				t.Fatalf("audit verify: %+v", r)
			}
			raw := st.(interface{ DB() *sql.DB }).DB()
			if _, err := raw.Exec(`UPDATE audit_events SET login = 'intrus' WHERE id = 2`); err != nil {
				t.Fatal(err)
			}
			_ = st.Close()
			oneLineError(t, sesame(t, "", "audit", "verify", "--db", db), 1, "L'événement n° 2 a été modifié")
		})
	}
}
