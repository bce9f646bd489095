package main_test

import (
	"context"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/local"
	"sesame/service/masterkey"
	"sesame/service/store/postgres/pgtest"
	"sesame/service/store/storetest"
)

// audit seal and audit verify with seals, on both databases: the seal is journaled
// and checked with the master key; without it, verify fails with a sentence; an
// event rewritten in the database with every hash recomputed (which a chain alone
// lets through) fails verify naming the sealed event and the seal's date, and so does
// the journal cut below the seal.
func TestAuditSealCommand(t *testing.T) {
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
			defer st.Close()
			ctx := context.Background()
			if err := local.SeedCatalogue(ctx, st); err != nil {
				t.Fatal(err)
			}
			p := local.New(st, "vdelhumeau")
			for _, n := range []string{"Banque", "Paie"} {
				if _, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: n}); err != nil {
					t.Fatal(err)
				}
			}
			mk := filepath.Join(t.TempDir(), "master.key")
			if _, err := masterkey.Create(mk); err != nil {
				t.Fatal(err)
			}
			oneLineError(t, sesame(t, "", "audit", "seal", "--db", db), 1, "SESAME_MASTER_KEY_FILE")
			r := sesame(t, "", "audit", "seal", "--db", db, "--master-key-file", mk)
			m := regexp.MustCompile(`sceau n° 1, événement n° 3, empreinte [0-9a-f]{64}, le (\d\d/\d\d/\d{4} \d\d:\d\d):\d\d\.`).FindStringSubmatch(r.stdout)
			if r.code != 0 || m == nil {
				t.Fatalf("audit seal: %+v", r)
			}
			sealDate := m[1]
			var evs []service.AuditEvent
			if err := st.EachAudit(ctx, service.AuditFilter{}, func(ev service.AuditEvent) error { evs = append(evs, ev); return nil }); err != nil {
				t.Fatal(err)
			}
			if len(evs) != 3 || evs[2].Action != service.AuditSealHead {
				t.Fatalf("journal after audit seal: %+v", evs)
			}
			r = sesame(t, "", "audit", "verify", "--db", db, "--master-key-file", mk)
			if r.code != 0 || !strings.Contains(r.stdout, "chaque sceau est authentique ; le dernier, du "+sealDate+", couvre le journal jusqu'à l'événement n° 3") {
				t.Fatalf("audit verify of a sealed journal: %+v", r)
			}
			oneLineError(t, sesame(t, "", "audit", "verify", "--db", db), 1, "la clé de scellement est absente")
			other := filepath.Join(t.TempDir(), "other.key")
			if _, err := masterkey.Create(other); err != nil {
				t.Fatal(err)
			}
			oneLineError(t, sesame(t, "", "audit", "verify", "--db", db, "--master-key-file", other), 1,
				"Le sceau du "+sealDate+" (événement n° 3) n'est pas authentique")

			// Event 2 rewritten, every hash after it and the head recomputed.
			raw := st.(interface{ DB() *sql.DB }).DB()
			storetest.RenameInJournal(t, raw, evs, 2, "Paie (copie)")
			oneLineError(t, sesame(t, "", "audit", "verify", "--db", db, "--master-key-file", mk), 1,
				"Le journal a été réécrit : l'événement n° 3 n'a plus l'empreinte que lui donnait le sceau du "+sealDate)

			// The journal cut below the seal, the head moved back with it.
			if _, err := raw.Exec(`DELETE FROM audit_events WHERE id = 3`); err != nil {
				t.Fatal(err)
			}
			sum, _ := hex.DecodeString(evs[1].Hash)
			if _, err := raw.Exec(`UPDATE audit_events SET key_name = $1, hash = $2 WHERE id = 2`, evs[1].KeyName, sum); err != nil {
				t.Fatal(err)
			}
			if _, err := raw.Exec(`UPDATE audit_head SET seq = 2, hash = $1 WHERE id = 1`, sum); err != nil {
				t.Fatal(err)
			}
			oneLineError(t, sesame(t, "", "audit", "verify", "--db", db, "--master-key-file", mk), 1,
				"Le journal a été tronqué : il s'arrête avant l'événement n° 3, que le sceau du "+sealDate+" couvrait")
		})
	}
}

// master-key rotate signs the journal's seals again with the new key's sealing key,
// in the transaction that reseals the secrets: verify passes with the new key and
// not the old. A seal the current key did not make stops the rotation, nothing
// changed (the seal before it still the current key's) and no new key file left.
func TestMasterKeyRotateResignsSeals(t *testing.T) {
	for name, dsn := range map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "sesame.db") },
		"postgres": func(t *testing.T) string { return pgtest.FreshDatabase(t) },
	} {
		t.Run(name, func(t *testing.T) {
			db := initDB(t, dsn(t))
			if r := sesame(t, "", "tiers", "add", "--db", db, "--code", "95963", "--name", "FUTUROSCOPE CEDEX"); r.code != 0 {
				t.Fatalf("tiers add: %+v", r)
			}
			if r := sesame(t, "", "firm", "policy", "--db", db, "--firm", "95963", "--max-key-lifetime", "365d"); r.code != 0 {
				t.Fatalf("firm policy: %+v", r)
			}
			dir := t.TempDir()
			k1, k2, k3 := filepath.Join(dir, "k1"), filepath.Join(dir, "k2"), filepath.Join(dir, "k3")
			if _, err := masterkey.Create(k1); err != nil {
				t.Fatal(err)
			}
			if r := sesame(t, "", "audit", "seal", "--db", db, "--master-key-file", k1); r.code != 0 {
				t.Fatalf("audit seal: %+v", r)
			}
			if r := sesame(t, "", "master-key", "rotate", "--db", db, "--master-key-file", k1, "--new-file", k2); r.code != 0 {
				t.Fatalf("master-key rotate: %+v", r)
			}
			if r := sesame(t, "", "audit", "verify", "--db", db, "--master-key-file", k2); r.code != 0 || !strings.Contains(r.stdout, "chaque sceau est authentique") {
				t.Fatalf("audit verify with the new key: %+v", r)
			}
			oneLineError(t, sesame(t, "", "audit", "verify", "--db", db, "--master-key-file", k1), 1, "n'est pas authentique")

			// A second seal, then its MAC damaged: the rotation that re-signs seal 1
			// first must undo it when seal 2 stops it.
			if r := sesame(t, "", "audit", "seal", "--db", db, "--master-key-file", k2); r.code != 0 || !strings.Contains(r.stdout, "sceau n° 2, événement n° 3") {
				t.Fatalf("second audit seal: %+v", r)
			}
			st, err := openDB(t, db)
			if err != nil {
				t.Fatal(err)
			}
			_, err = st.(interface{ DB() *sql.DB }).DB().Exec(`UPDATE audit_seals SET mac = $1 WHERE id = 2`, make([]byte, 32))
			_ = st.Close()
			if err != nil {
				t.Fatal(err)
			}
			oneLineError(t, sesame(t, "", "master-key", "rotate", "--db", db, "--master-key-file", k2, "--new-file", k3), 1,
				"n'a pas été fait avec la clé maîtresse actuelle : rien n'a été changé")
			if _, err := os.Stat(k3); !os.IsNotExist(err) {
				t.Fatal("a refused rotation left its new key file")
			}
			oneLineError(t, sesame(t, "", "audit", "verify", "--db", db, "--master-key-file", k2), 1, "(événement n° 3) n'est pas authentique")
		})
	}
}
