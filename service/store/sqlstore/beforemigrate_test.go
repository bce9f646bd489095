package sqlstore_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"sesame/service"
	"sesame/service/masterkey"
	"sesame/service/store"
	"sesame/service/store/sqlite"
	"sesame/service/store/sqlstore"
)

// A file whose schema stopped at the baseline, older than a build with a later
// migration, is read, opened read-only, as it stands: its version, and the secret
// it holds with its label; a write is refused. The file is left byte for byte as it
// was.
func TestSecretsOfAnOlderSchemaAreReadWithoutWriting(t *testing.T) {
	ctx := context.Background()
	sqlstore.WithLaterMigration(t)
	baseline := sqlstore.LatestVersion() - 1
	path := filepath.Join(t.TempDir(), "sesame.db")
	db, err := sql.Open("sqlite", path+"?_pragma=journal_mode(WAL)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	if err := sqlstore.New(db, sqlite.Dialect()).MigrateTo(ctx, baseline); err != nil {
		t.Fatal(err)
	}
	mk, err := masterkey.Generate()
	if err != nil {
		t.Fatal(err)
	}
	sealed := mk.Seal(store.ServerSecretLabel("csrf"), []byte("32 bytes of a form secret, sealed"))
	if _, err := db.Exec(`INSERT INTO oauth_secrets (name, value) VALUES ('csrf', ?)`, sealed); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	before := fileDigest(t, path)

	st, err := sqlite.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := st.Version(ctx); v != baseline || err != nil {
		t.Errorf("Version: %d, %v; want %d", v, err, baseline)
	}
	var labels []string
	if err := st.EachSecret(ctx, func(label string, v []byte) error {
		labels = append(labels, label)
		if string(v) != string(sealed) {
			t.Errorf("%s: another value than the one stored", label)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(labels) != 1 || labels[0] != store.ServerSecretLabel("csrf") {
		t.Errorf("secrets read: %q; want the form secret only", labels)
	}
	if _, err := st.DB().Exec(`DELETE FROM oauth_secrets`); err == nil {
		t.Error("a store opened to read only deleted rows")
	}
	stop := errors.New("stop")
	if err := st.EachSecret(ctx, func(string, []byte) error { return stop }); err != stop {
		t.Errorf("EachSecret returned %v, not its function's error", err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if fileDigest(t, path) != before {
		t.Error("reading the file changed it")
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("reading the file left a write-ahead log")
	}
}

// Version refuses a newer Sésame's schema as Migrate does, reading only.
func TestVersionRefusesANewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sesame.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)`, sqlstore.LatestVersion()+1); err != nil {
		t.Fatal(err)
	}
	st.Close()
	ro, err := sqlite.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Version(ctx); service.ErrorCode(err) != service.ENEWER {
		t.Errorf("Version of a newer schema: %v; want ENEWER", err)
	}
}

// Version refuses a pre-release's schema (a version below the baseline's) as
// Migrate does, reading only.
func TestVersionRefusesAPreReleaseSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sesame.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL);
		INSERT INTO schema_migrations VALUES (16, 0)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	ro, err := sqlite.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Version(ctx); service.ErrorCode(err) != service.ECORRUPT {
		t.Errorf("Version of a pre-release's schema (16): %v; want ECORRUPT", err)
	}
}

// fileDigest is the SHA-256 of a file's bytes.
func fileDigest(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}
