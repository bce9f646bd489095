package main_test

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/local"
	"sesame/service/store/postgres/pgtest"
)

// writeZip writes a zip of one entry per name and content pair, as Word or an
// archiver would (deflated).
func writeZip(t *testing.T, path string, entries ...string) {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i < len(entries); i += 2 {
		w, err := zw.Create(entries[i])
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte(entries[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sesame-server scan on a real folder, on both databases: a real key's secret in a
// .txt, a .docx and a .zip is named with its key, status and kind; another secret is
// « clé inconnue », one with a bad checksum is not reported; skips are counted; the
// exit status is 1 while an active key's secret is exposed, 0 once it is suspended.
func TestScanCommand(t *testing.T) {
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
			t.Cleanup(func() { _ = st.Close() })
			ctx := context.Background()
			if err := local.SeedCatalogue(ctx, st); err != nil {
				t.Fatal(err)
			}
			p := local.New(st, "vdelhumeau")
			paie, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Paie"})
			if err != nil {
				t.Fatal(err)
			}
			partner, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Relances",
				Kind: service.KindPartner, Partner: &service.Partner{Name: "ACME SAS"}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.Revoke(ctx, partner.Key.ID); err != nil {
				t.Fatal(err)
			}
			stranger, _ := service.NewCredentials()
			secret := paie.Credentials.Secret
			spoiled := secret[:len(secret)-1] + "a"
			if secret[len(secret)-1] == 'a' {
				spoiled = secret[:len(secret)-1] + "b"
			}

			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("Paie\n"+secret+"\n"+spoiled+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			writeZip(t, filepath.Join(dir, "procédure.docx"),
				"word/document.xml", `<w:document><w:body><w:p><w:r><w:t>Installer</w:t></w:r></w:p><w:p><w:r><w:t>`+secret+`</w:t></w:r></w:p></w:body></w:document>`)
			writeZip(t, filepath.Join(dir, "envoi.zip"),
				"config/.env", "A="+stranger.Secret+"\nB="+partner.Credentials.Secret+"\nC="+secret+"\n")
			if err := os.WriteFile(filepath.Join(dir, "photo.jpg"), []byte("\xff\xd8\x00\x00"+secret), 0o644); err != nil {
				t.Fatal(err)
			}

			r := sesame(t, "", "scan", "--db", db, dir)
			want := []string{
				filepath.Join(dir, "notes.txt") + ":2 : clé « Paie » (" + paie.Key.ID + ", tiers 95963), Active, Clé du cabinet",
				filepath.Join(dir, "procédure.docx") + " [word/document.xml]:2 : clé « Paie »",
				filepath.Join(dir, "envoi.zip") + " [config/.env]:1 : clé inconnue",
				filepath.Join(dir, "envoi.zip") + " [config/.env]:2 : clé « Relances » (" + partner.Key.ID + ", tiers 95963), Révoquée, Clé partenaire (ACME SAS)",
				filepath.Join(dir, "envoi.zip") + " [config/.env]:3 : clé « Paie »",
				"4 fichiers lus, 5 secrets trouvés, dont 3 de clés actives.",
				"Ignorés : binaires : 1.",
			}
			for _, w := range want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("stdout lacks %q", w)
				}
			}
			if r.code != 1 || strings.Count(r.stdout, "\n") != len(want) || !strings.Contains(r.stderr, "suspendez la clé") {
				t.Fatalf("scan with an active key exposed: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			if strings.Contains(r.stdout+r.stderr, service.SecretPrefix) {
				t.Fatalf("the scan printed a secret or its hint:\n%s", r.stdout)
			}

			// The summary counts in words: one file, one secret, one active key.
			r = sesame(t, "", "scan", "--db", db, filepath.Join(dir, "notes.txt"))
			if r.code != 1 || !strings.HasSuffix(r.stdout, "\n1 fichier lu, 1 secret trouvé, dont 1 d'une clé active.\nAucun fichier ignoré.\n") {
				t.Fatalf("scan of one file with one active key's secret: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			clean := filepath.Join(t.TempDir(), "lisez-moi.txt")
			if err := os.WriteFile(clean, []byte("Rien à signaler.\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			r = sesame(t, "", "scan", "--db", db, clean)
			if r.code != 0 || r.stdout != "1 fichier lu, 0 secret trouvé.\nAucun fichier ignoré.\n" || r.stderr != "" {
				t.Fatalf("scan of one file without a secret: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}

			if _, err := p.Suspend(ctx, service.SuspendRequest{KeyID: paie.Key.ID, Reason: "Trouvée par le scan"}); err != nil {
				t.Fatal(err)
			}
			r = sesame(t, "", "scan", "--db", db, dir)
			if r.code != 0 || !strings.Contains(r.stdout, "Paie » ("+paie.Key.ID+", tiers 95963), Suspendue") || r.stderr != "" {
				t.Fatalf("scan once the key is suspended: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, "\n4 fichiers lus, 5 secrets trouvés, dont aucun d'une clé active.\n") {
				t.Fatalf("summary once no exposed key is active:\n%s", r.stdout)
			}
			if r := sesame(t, "", "scan", "--db", db); r.code != 2 {
				t.Fatalf("scan without a path: %+v", r)
			}
		})
	}
}
