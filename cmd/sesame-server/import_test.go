package main_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/local"
	"sesame/service/store/postgres/pgtest"
	"sesame/service/store/sqlite"
)

// desktopFile makes a « Ce poste » file as the desktop app does, through the local
// Portal: a firm, a key kept as is, one renewed with a day's grace (both secrets
// work) and one revoked. It returns the file and the keys' credentials.
func desktopFile(t *testing.T) (path string, kept, renewedOld, renewedNew, revoked service.Credentials, ids []string) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "poste", "sesame.db")
	p, err := local.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := p.SetUpFirm(ctx, service.FirmSetup{SICCode: "95963", FirmName: "FUTUROSCOPE CEDEX", AdminName: "DELHUMEAU Vincent"}); err != nil {
		t.Fatal(err)
	}
	gen := func(name string) service.GeneratedKey {
		g, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: name})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, g.Key.ID)
		return g
	}
	k, r, v := gen("Banque"), gen("Paie"), gen("Relances")
	n, err := p.Renew(ctx, service.RenewRequest{KeyID: r.Key.ID, Grace: service.GraceDay, Version: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Revoke(ctx, v.Key.ID); err != nil {
		t.Fatal(err)
	}
	return path, k.Credentials, r.Credentials, n.Credentials, v.Credentials, ids
}

// digest is the SHA-256 of a file's bytes: the import must not change the local file.
func digest(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// serverState is what a failed import must leave as it was: the keys and the chain.
func serverState(t *testing.T, db string) string {
	t.Helper()
	st, err := openDB(t, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	raw := st.(interface{ DB() *sql.DB }).DB()
	var keys, tiers int
	var seq int64
	if err := raw.QueryRow(`SELECT (SELECT count(*) FROM api_keys), (SELECT count(*) FROM tiers), (SELECT seq FROM audit_head)`).Scan(&keys, &tiers, &seq); err != nil {
		t.Fatal(err)
	}
	return strings.Join([]string{itoa(keys), itoa(tiers), itoa(int(seq))}, "/")
}

func itoa(n int) string { return strconv.Itoa(n) }

// verifyKey asks the running server whether creds verify.
func verifyKey(t *testing.T, base string, c service.Credentials) bool {
	t.Helper()
	req, _ := http.NewRequest("POST", base+"/v1/verify", nil)
	req.Header.Set("x-apikey", c.Identifier+":"+c.Secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK && strings.Contains(string(body), `"active":true`)
}

// sesame-server import carries a desktop's file into the firm's database, SQLite or
// PostgreSQL: the deployed secrets verify on the server through the real HTTP
// handler, the journal is carried and both chains verify, a dry run and a refused
// run write nothing, a second run adds nothing, and the local file never changes.
func TestImportCarriesADesktopFile(t *testing.T) {
	for name, dsn := range map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "serveur.db") },
		"postgres": func(t *testing.T) string { return pgtest.FreshDatabase(t) },
	} {
		t.Run(name, func(t *testing.T) {
			file, kept, old, renewed, revoked, ids := desktopFile(t)
			before := digest(t, file)
			db := initDB(t, dsn(t))
			empty := serverState(t, db)

			r := sesame(t, "", "import", "--db", db, "--dry-run", file)
			if r.code != 0 || !strings.Contains(r.stdout, "Essai à blanc") || !strings.Contains(r.stdout, "3 clés") ||
				!strings.Contains(r.stdout, "5 événements du journal") {
				t.Fatalf("dry run: %+v", r)
			}
			if got := serverState(t, db); got != empty {
				t.Fatalf("dry run wrote: %s, was %s", got, empty)
			}

			// An identifier of the file already held by another firm: refused with the
			// list, nothing written, even the rows that would have come first.
			st, err := openDB(t, db)
			if err != nil {
				t.Fatal(err)
			}
			if err := local.SeedCatalogue(context.Background(), st); err != nil {
				t.Fatal(err)
			}
			raw := st.(interface{ DB() *sql.DB }).DB()
			q := func(s string) string {
				if strings.HasPrefix(db, "postgres") {
					return strings.NewReplacer("?1", "$1").Replace(s)
				}
				return strings.NewReplacer("?1", "?").Replace(s)
			}
			if _, err := raw.Exec(`INSERT INTO tiers (code, name) VALUES ('11111', 'AUTRE CABINET')`); err != nil {
				t.Fatal(err)
			}
			if _, err := raw.Exec(q(`INSERT INTO api_keys (id, tiers_code, service_id, name, name_folded, name_skeleton, secret_digest, secret_hint, created_at, created_by, status)
				VALUES (?1, '11111', 'loop-apikey', 'X', 'x', 'x', '', '', 0, 'x', 'active')`), ids[1]); err != nil {
				t.Fatal(err)
			}
			st.Close()
			taken := serverState(t, db)
			r = sesame(t, "", "import", "--db", db, file)
			oneLineError(t, r, 1, ids[1]+" (11111)")
			if !strings.Contains(r.stderr, "1 identifiant de clé de ce fichier existe déjà sur le serveur") {
				t.Fatalf("conflict: %+v", r)
			}
			if got := serverState(t, db); got != taken {
				t.Fatalf("refused import wrote: %s, was %s", got, taken)
			}
			st, _ = openDB(t, db)
			raw = st.(interface{ DB() *sql.DB }).DB()
			if _, err := raw.Exec(q(`DELETE FROM api_keys WHERE id = ?1`), ids[1]); err != nil {
				t.Fatal(err)
			}
			st.Close()

			// A failure mid-way: the firm is already on the server with an active key
			// named as one of the file's, so the keys' insert fails after the tiers,
			// administrators and catalogue went in; all of it is rolled back.
			if r := sesame(t, "", "tiers", "add", "--db", db, "--code", "95963", "--name", "FUTUROSCOPE CEDEX"); r.code != 0 {
				t.Fatalf("tiers add: %+v", r)
			}
			st, _ = openDB(t, db)
			raw = st.(interface{ DB() *sql.DB }).DB()
			if _, err := raw.Exec(q(`INSERT INTO api_keys (id, tiers_code, service_id, name, name_folded, name_skeleton, secret_digest, secret_hint, created_at, created_by, status)
				VALUES ('SERVEUR0000000000', '95963', 'loop-apikey', 'Banque', 'banque', ?1, '', '', 0, 'x', 'active')`), service.KeyNameSkeleton("Banque")); err != nil {
				t.Fatal(err)
			}
			var admins int
			raw.QueryRow(`SELECT count(*) FROM admins`).Scan(&admins)
			st.Close()
			midway := serverState(t, db)
			r = sesame(t, "", "import", "--db", db, file)
			oneLineError(t, r, 1, "même nom qu'une clé active du serveur")
			st, _ = openDB(t, db)
			raw = st.(interface{ DB() *sql.DB }).DB()
			var adminsAfter int
			raw.QueryRow(`SELECT count(*) FROM admins`).Scan(&adminsAfter)
			if got := serverState(t, db); got != midway || adminsAfter != admins {
				t.Fatalf("failed import wrote: %s and %d admins, was %s and %d", got, adminsAfter, midway, admins)
			}
			if _, err := raw.Exec(`DELETE FROM api_keys WHERE id = 'SERVEUR0000000000'`); err != nil {
				t.Fatal(err)
			}
			st.Close()

			r = sesame(t, "", "import", "--db", db, file)
			if r.code != 0 || !strings.Contains(r.stdout, "Import terminé : 3 clés") || !strings.Contains(r.stdout, "5 événements du journal") {
				t.Fatalf("import: %+v", r)
			}
			after := serverState(t, db)
			r2 := sesame(t, "", "import", "--db", db, file)
			if r2.code != 0 || !strings.Contains(r2.stdout, "déjà été importé") || serverState(t, db) != after {
				t.Fatalf("second import: %+v, %s then %s", r2, after, serverState(t, db))
			}
			if digest(t, file) != before {
				t.Fatal("the local file changed")
			}
			if es, _ := os.ReadDir(filepath.Dir(file)); len(es) != 1 {
				t.Fatalf("the import left files beside the local one: %v", es)
			}

			// Both chains verify; the server's import event holds the file's head.
			local := sesame(t, "", "audit", "verify", "--db", file)
			server := sesame(t, "", "audit", "verify", "--db", db)
			if local.code != 0 || server.code != 0 || !strings.Contains(server.stdout, "les 6 événements") {
				t.Fatalf("audit verify: local %+v, server %+v", local, server)
			}
			head := strings.TrimSpace(strings.TrimPrefix(local.stdout[strings.Index(local.stdout, "Tête de chaîne : n° "):], "Tête de chaîne : n° "))
			head = strings.Replace(head, ", ", ":", 1)
			if !strings.Contains(r.stdout, head) {
				t.Fatalf("import names head %q? %s", head, r.stdout)
			}
			ex := sesame(t, "", "audit", "export", "--db", db, "--action", "import")
			if ex.code != 0 || !strings.Contains(ex.stdout, head) {
				t.Fatalf("import event: %+v (head %s)", ex, head)
			}

			// Every deployed secret keeps working against the server.
			cmd, base, rest := startServe(t, "serve", "--db", db, "--listen", "127.0.0.1:0")
			okKept, okOld, okNew, okRevoked := verifyKey(t, base, kept), verifyKey(t, base, old), verifyKey(t, base, renewed), verifyKey(t, base, revoked)
			stopServe(t, cmd, rest)
			if !okKept || !okOld || !okNew || okRevoked {
				t.Fatalf("verify after import: kept %v, old secret in grace %v, renewed %v, revoked %v", okKept, okOld, okNew, okRevoked)
			}
		})
	}
}

// A file that is not Sésame's, or from a newer Sésame: a French sentence, nothing
// written on the server, the file unchanged.
func TestImportRefusesWhatItCannotRead(t *testing.T) {
	db := initDB(t, filepath.Join(t.TempDir(), "serveur.db"))
	empty := serverState(t, db)
	dir := t.TempDir()

	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("pas une base de données\n"), 0o600)
	oneLineError(t, sesame(t, "", "import", "--db", db, text), 1, "n'est pas un fichier de données de Sésame")

	other := filepath.Join(dir, "autre.db")
	o, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	o.Exec(`CREATE TABLE clients (nom TEXT)`)
	o.Close()
	oneLineError(t, sesame(t, "", "import", "--db", db, other), 1, "n'est pas un fichier de données de Sésame")

	file, _, _, _, _, _ := desktopFile(t)
	st, err := sqlite.Open(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (99, 0)`); err != nil {
		t.Fatal(err)
	}
	st.Close()
	before := digest(t, file)
	oneLineError(t, sesame(t, "", "import", "--db", db, file), 1, "version plus récente de Sésame (schéma 99")

	// A file of a pre-release that recorded its schema versions 1 to 16 (squashed
	// since into the baseline): the pre-release sentence, nothing written. (A file
	// claiming an older schema than its tables: sqlstore's
	// TestImportRefusesAFileThatClaimsAnOlderSchema.)
	pre, _, _, _, _, _ := desktopFile(t)
	st, err = sqlite.Open(context.Background(), pre)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{`DELETE FROM schema_migrations`, `INSERT INTO schema_migrations (version, applied_at) VALUES (16, 0)`} {
		if _, err := st.DB().Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	oneLineError(t, sesame(t, "", "import", "--db", db, pre), 1, "écrites par une préversion de Sésame")

	// A corrupt file: its second half lost.
	corrupt, _, _, _, _, _ := desktopFile(t)
	b, err := os.ReadFile(corrupt)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(b) / 2; i < len(b); i++ {
		b[i] = 0xA5
	}
	os.WriteFile(corrupt, b, 0o600)
	oneLineError(t, sesame(t, "", "import", "--db", db, corrupt), 1, "ou il est endommagé")

	oneLineError(t, sesame(t, "", "import", "--db", db, filepath.Join(dir, "absent.db")), 1, "n'existe pas")
	if got := serverState(t, db); got != empty {
		t.Fatalf("a refused import wrote: %s, was %s", got, empty)
	}

	// The app open on the file: refused until it is closed.
	inUse, _, _, _, _, _ := desktopFile(t)
	app, err := local.Open(context.Background(), inUse)
	if err != nil {
		t.Fatal(err)
	}
	oneLineError(t, sesame(t, "", "import", "--db", db, inUse), 1, "a ce fichier ouvert : fermez-la")
	if got := serverState(t, db); got != empty {
		t.Fatalf("an import of a file in use wrote: %s, was %s", got, empty)
	}
	app.Close()
	if r := sesame(t, "", "import", "--db", db, inUse); r.code != 0 || !strings.Contains(r.stdout, "Import terminé : 3 clés") {
		t.Fatalf("import once the app closed: %+v", r)
	}
	if digest(t, file) != before {
		t.Fatal("the local file changed")
	}
}
