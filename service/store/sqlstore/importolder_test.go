package sqlstore_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"sesame/assets"
	"sesame/service"
	"sesame/service/store"
	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
	"sesame/service/store/sqlite"
	"sesame/service/store/sqlstore"
)

// olderFile is a « Ce poste » file as a Sésame whose schema stopped at version n
// left it, made by the store code on that schema: the firm, its administrator, the
// catalogue, an active and a revoked key (written with the baseline's columns, the
// only ones every older schema has, and without their name words) and their journal
// events. It returns the file and the active key's credentials.
func olderFile(t *testing.T, n int) (string, service.Credentials, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sesame.db")
	db, err := sql.Open("sqlite", path+"?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	st := sqlstore.New(db, sqlite.Dialect())
	if err := st.MigrateTo(ctx, n); err != nil {
		t.Fatalf("schema up to version %d: %v", n, err)
	}
	if err := st.AddTiers(ctx, service.Tiers{Code: "95963", Name: "FUTUROSCOPE CEDEX"}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutAdmin(ctx, store.Admin{Login: store.LocalLogin, Name: "DELHUMEAU Vincent", SICCode: "95963", Tiers: []string{"95963"}}); err != nil {
		t.Fatal(err)
	}
	cat, err := assets.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutCatalogue(ctx, cat); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	var kept service.Credentials
	var revokedID string
	for i, name := range []string{"Banque", "Relances"} {
		c, err := service.NewCredentials()
		if err != nil {
			t.Fatal(err)
		}
		status, revokedAt := "active", sql.NullInt64{}
		if i == 1 {
			status, revokedAt, revokedID = "revoked", sql.NullInt64{Int64: at.Add(time.Hour).UnixMicro(), Valid: true}, c.Identifier
		} else {
			kept = c
		}
		if _, err := db.Exec(`INSERT INTO api_keys (id, tiers_code, service_id, name, name_folded, name_skeleton, secret_digest,
			secret_hint, created_at, created_by, status, revoked_at) VALUES (?, '95963', 'loop-apikey', ?, ?, ?, ?, ?, ?, 'DELHUMEAU Vincent', ?, ?)`,
			c.Identifier, name, service.FoldName(name), service.KeyNameSkeleton(name), service.SecretDigest(c.Secret),
			service.SecretHint(c.Secret), at.UnixMicro(), status, revokedAt); err != nil {
			t.Fatal(err)
		}
		if err := st.AppendAudit(ctx, service.AuditEvent{At: at, Actor: "DELHUMEAU Vincent", Login: store.LocalLogin,
			Action: service.AuditGenerate, KeyID: c.Identifier, KeyName: name, Tiers: "95963", Service: "loop-apikey"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path, kept, revokedID
}

// A file from an older Sésame (at the baseline, this build having a later migration)
// is migrated on a copy, then imported, into SQLite and PostgreSQL: its active key's
// secret is found by its digest on the server, the revoked one stays revoked, both
// chains verify, and the file itself is unchanged and nothing is left beside it or in
// the copies' folder.
func TestImportMigratesAnOlderFile(t *testing.T) {
	ctx := context.Background()
	sqlstore.WithLaterMigration(t)
	for _, n := range []int{sqlstore.FirstVersion} {
		for name, open := range bothStores() {
			t.Run(name+"/schema"+strconv.Itoa(n), func(t *testing.T) {
				file, kept, revokedID := olderFile(t, n)
				before := fileSum(t, file)
				copies := t.TempDir()
				src, err := sqlite.OpenImportSource(ctx, file, copies)
				if err != nil {
					t.Fatalf("open a schema %d file: %v", n, err)
				}
				if src.Version != n {
					t.Fatalf("the file's version read as %d, want %d", src.Version, n)
				}
				var later int
				if err := src.DB.QueryRowContext(ctx, `SELECT count(*) FROM later_things`).Scan(&later); err != nil {
					t.Fatalf("the copy was not migrated to this build's schema: %v", err)
				}
				target := open(t)
				defer target.Close()
				got, err := target.Import(ctx, src.DB, sqlstore.ImportOptions{Actor: "Import"})
				if err != nil {
					t.Fatalf("import of a schema %d file: %v", n, err)
				}
				if got.Keys != 2 || got.Events != 2 || got.Tiers != 1 || got.Admins != 1 || got.Services == 0 || got.Head.Seq != 2 {
					t.Fatalf("import counts: %+v", got)
				}
				if err := src.Close(); err != nil {
					t.Fatal(err)
				}
				recs, err := target.KeysByDigest(ctx, [][]byte{service.SecretDigest(kept.Secret)})
				if err != nil || len(recs) != 1 || recs[0].Key.ID != kept.Identifier || recs[0].Key.Status != service.StatusActive ||
					recs[0].Key.Kind != service.KindFirm {
					t.Fatalf("the deployed secret on the server: %+v, %v", recs, err)
				}
				if r, err := target.KeyByID(ctx, revokedID); err != nil || r.Key.Status != service.StatusRevoked {
					t.Fatalf("the revoked key on the server: %+v, %v", r, err)
				}
				// Stored without their name words: the import computed them, so
				// « contient » sorted by name, which reads them, finds the key.
				for _, term := range []string{"banque", "relance"} {
					page, err := target.ListKeys(ctx, service.KeyFilter{Tiers: "95963", Service: "loop-apikey", NameContains: term, Sort: service.SortName}.Normalized())
					if err != nil || len(page.Keys) != 1 || service.FoldName(page.Keys[0].Name) != term+map[string]string{"banque": "", "relance": "s"}[term] {
						t.Fatalf("name contains %q sorted by name on the server: %+v, %v", term, page.Keys, err)
					}
				}
				if check, err := store.VerifyAudit(ctx, target, nil); err != nil || !check.OK() || check.Events != 3 {
					t.Fatalf("server chain: %+v, %v", check, err)
				}
				if fileSum(t, file) != before {
					t.Fatal("the import changed the local file")
				}
				if es, _ := os.ReadDir(filepath.Dir(file)); len(es) != 1 {
					t.Fatalf("files beside the local one: %v", es)
				}
				if es, _ := os.ReadDir(copies); len(es) != 0 {
					t.Fatalf("copies left behind: %v", es)
				}
			})
		}
	}
}

// A file whose schema claims an older version but already has the later tables (not
// what any Sésame wrote): its migrated copy fails, with the sentence of a file that
// is not Sésame's, and nothing is left in the copies' folder.
func TestImportRefusesAFileThatClaimsAnOlderSchema(t *testing.T) {
	ctx := context.Background()
	sqlstore.WithLaterMigration(t)
	file, _, _ := olderFile(t, sqlstore.LatestVersion())
	db, err := sql.Open("sqlite", file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `DELETE FROM schema_migrations WHERE version > ?`, sqlstore.FirstVersion); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := fileSum(t, file)
	copies := t.TempDir()
	src, err := sqlite.OpenImportSource(ctx, file, copies)
	if service.ErrorCode(err) != service.ECORRUPT || service.ErrorMessage(err) != sqlstore.MsgImportNotSesame {
		if src != nil {
			src.Close()
		}
		t.Fatalf("a file claiming schema %d with the later tables: %v, want ECORRUPT, not Sésame's", sqlstore.FirstVersion, err)
	}
	if fileSum(t, file) != before {
		t.Fatal("the refusal changed the file")
	}
	if es, _ := os.ReadDir(copies); len(es) != 0 {
		t.Fatalf("copies left behind: %v", es)
	}
}

// fileSum is the SHA-256 of a file's bytes.
func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// The database server ending the import's connection mid-way (here, as soon as the
// journal's first row goes in, after the tiers, catalogue and keys did): the import
// fails and nothing of it is on the server.
func TestImportCutMidwayWritesNothing(t *testing.T) {
	ctx := context.Background()
	file, kept, _ := olderFile(t, sqlstore.LatestVersion())
	target, err := postgres.Open(ctx, pgtest.FreshDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer target.Close()
	raw := target.DB()
	for _, stmt := range []string{
		`CREATE FUNCTION cut_import() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			PERFORM pg_terminate_backend(pg_backend_pid());
			RETURN NEW;
		END
		$$`,
		`CREATE TRIGGER cut_import BEFORE INSERT ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION cut_import()`,
	} {
		if _, err := raw.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	src, err := sqlite.OpenImportSource(ctx, file, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	n, err := target.Import(ctx, src.DB, sqlstore.ImportOptions{Actor: "Import"})
	if err == nil {
		t.Fatalf("an import whose connection was cut succeeded: %+v", n)
	}
	if service.ErrorCode(err) != service.EUNAVAILABLE {
		t.Fatalf("a cut import: %v, want the database said unreachable", err)
	}
	var keys, tiers, events int
	var seq int64
	if err := raw.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM api_keys), (SELECT count(*) FROM tiers),
		(SELECT count(*) FROM audit_events), (SELECT seq FROM audit_head)`).Scan(&keys, &tiers, &events, &seq); err != nil {
		t.Fatal(err)
	}
	if keys != 0 || tiers != 0 || events != 0 || seq != 0 {
		t.Fatalf("after a cut import the server holds %d keys, %d tiers, %d events, head %d", keys, tiers, events, seq)
	}
	if recs, err := target.KeysByDigest(ctx, [][]byte{service.SecretDigest(kept.Secret)}); err != nil || len(recs) != 0 {
		t.Fatalf("the cut import's key: %+v, %v", recs, err)
	}
}
