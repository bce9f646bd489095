package main_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/local"
	"sesame/service/msg"
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
			db := firmDB(t, dsn(t))
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
			if err != nil || len(lines) != 3 || !slices.Equal(lines[0], service.AuditCSVHeader(msg.French)) || lines[1][5] != "Paie" ||
				lines[1][9] != "203.0.113.5" || lines[2][0] != service.AuditCSVHeadLabel(msg.French) || lines[2][1] != "3" {
				t.Fatalf("export %q, %v", lines, err)
			}
			if r := sesame(t, "", "audit", "export", "--db", db); r.code != 0 || strings.Count(r.stdout, "\r\n") != 6 || !strings.HasPrefix(r.stdout, "\uFEFF") {
				t.Fatalf("export to stdout: %+v", r)
			}
			oneLineError(t, sesame(t, "", "audit", "export", "--db", db, "--from", "2025-01-01"), 2, "JJ/MM/AAAA")
			// --action takes the API's names (end-grace, as GET /v1/audit?action=
			// and the endpoint say), and names them all when given another.
			if r := sesame(t, "", "audit", "export", "--db", db, "--action", "generate"); r.code != 0 || strings.Count(r.stdout, "Génération") != 3 {
				t.Fatalf("--action generate: %+v", r)
			}
			if r := sesame(t, "", "audit", "export", "--db", db, "--action", "end-grace"); r.code != 0 || strings.Contains(r.stdout, "Génération") {
				t.Fatalf("--action end-grace: %+v", r)
			}
			oneLineError(t, sesame(t, "", "audit", "export", "--db", db, "--action", "end_grace"), 2, "end-grace (Fin de la période de grâce)")
			missing := filepath.Join(t.TempDir(), "absent", "journal.csv")
			oneLineError(t, sesame(t, "", "audit", "export", "--db", db, "--out", missing), 1, msg.T(service.MsgAuditWrite, nil))

			r = sesame(t, "", "audit", "verify", "--db", db)
			if r.code != 0 || !strings.Contains(r.stdout, "les 3 événements") || !strings.Contains(r.stdout, lines[2][2]) {
				t.Fatalf("audit verify: %+v", r)
			}
			raw := st.(interface{ DB() *sql.DB }).DB()

			// Someone with the database rewrites event 2 and recomputes every hash after
			// it and the head: the chain is whole again, but the head of the earlier
			// export no longer matches.
			var evs []service.AuditEvent
			if err := st.EachAudit(ctx, service.AuditFilter{}, func(ev service.AuditEvent) error { evs = append(evs, ev); return nil }); err != nil {
				t.Fatal(err)
			}
			upd, head := `UPDATE audit_events SET actor = ?, hash = ? WHERE id = ?`, `UPDATE audit_head SET hash = ? WHERE id = 1`
			if name == "postgres" {
				upd, head = `UPDATE audit_events SET actor = $1, hash = $2 WHERE id = $3`, `UPDATE audit_head SET hash = $1 WHERE id = 1`
			}
			prev := evs[0].Hash
			for _, ev := range evs[1:] {
				if ev.ID == 2 {
					ev.Actor = "Quelqu'un d'autre"
				}
				prev = service.ChainHash(prev, ev)
				sum, _ := hex.DecodeString(prev)
				if _, err := raw.Exec(upd, ev.Actor, sum, ev.ID); err != nil {
					t.Fatal(err)
				}
			}
			sum, _ := hex.DecodeString(prev)
			if _, err := raw.Exec(head, sum); err != nil {
				t.Fatal(err)
			}
			if r := sesame(t, "", "audit", "verify", "--db", db); r.code != 0 {
				t.Fatalf("a rewritten chain is whole on its own: %+v", r)
			}
			oneLineError(t, sesame(t, "", "audit", "verify", "--db", db, "--head", "3:"+lines[2][2]), 1,
				"L'événement n° 3 n'a plus l'empreinte que lui donnait l'export précédent")
			oneLineError(t, sesame(t, "", "audit", "verify", "--db", db, "--head", "trois"), 2, "--head")

			if _, err := raw.Exec(`UPDATE audit_events SET login = 'intrus' WHERE id = 2`); err != nil {
				t.Fatal(err)
			}
			_ = st.Close()
			oneLineError(t, sesame(t, "", "audit", "verify", "--db", db), 1, "L'événement n° 2 a été modifié")
		})
	}
}
