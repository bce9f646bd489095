package main_test

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sesame/service/store/postgres/pgtest"
)

// serve with another master key than the one that sealed the database's secrets
// refuses, saying so, and writes nothing: no migration, no catalogue, no signing key.
func TestServeWithAnotherMasterKeyWritesNothing(t *testing.T) {
	for name, dsn := range map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "sesame.db") },
		"postgres": func(t *testing.T) string { return pgtest.FreshDatabase(t) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			sealer, other := filepath.Join(dir, "a.key"), filepath.Join(dir, "b.key")
			sesame(t, "", "master-key", "init", "--file", sealer)
			sesame(t, "", "master-key", "init", "--file", other)
			db := initDB(t, dsn(t))
			sesame(t, "", "tiers", "add", "--db", db, "--code", "95963", "--name", "FUTUROSCOPE CEDEX")
			// The SMTP password is the one secret sealed, by the first key.
			if r := sesame(t, "mot de passe SMTP\n", "notify", "smtp", "set", "--db", db, "--host", "smtp.example.com",
				"--from", "sesame@example.com", "--user", "sesame", "--master-key-file", sealer); r.code != 0 {
				t.Fatalf("notify smtp set: %+v", r)
			}
			before := dbState(t, db)
			oneLineError(t, sesame(t, "", "serve", "--db", db, "--listen", "127.0.0.1:0", "--master-key-file", other), 1,
				"n'est pas celle qui a chiffré les secrets de cette base")
			if after := dbState(t, db); after != before {
				t.Errorf("the refused serve changed the database: %s, was %s", after, before)
			}
		})
	}
}

// serve on an address already in use (public or metrics) refuses, saying so, and
// writes nothing to the database.
func TestServeOnABusyAddressWritesNothing(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	addr := busy.Addr().String()
	for _, args := range [][]string{
		{"--listen", addr},
		{"--listen", "127.0.0.1:0", "--metrics-listen", addr},
	} {
		db := initDB(t, filepath.Join(t.TempDir(), "sesame.db"))
		before := dbState(t, db)
		r := sesame(t, "", append([]string{"serve", "--db", db, "--master-key-file", testMasterKey(t)}, args...)...)
		oneLineError(t, r, 1, "écoute sur "+addr)
		if !strings.Contains(r.stderr, "address already in use") {
			t.Errorf("%v: the refusal does not say the address is in use: %s", args, r.stderr)
		}
		if after := dbState(t, db); after != before {
			t.Errorf("%v: the refused serve changed the database: %s, was %s", args, after, before)
		}
	}
}

// testMasterKey creates a master key file for the test and returns its path.
func testMasterKey(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "master.key")
	if r := sesame(t, "", "master-key", "init", "--file", path); r.code != 0 {
		t.Fatalf("master-key init: %+v", r)
	}
	return path
}

// dbState is what a refused serve must leave as it was: a SQLite file's bytes, with
// its write-ahead log if one is left (their SHA-256), or the row counts of the
// PostgreSQL tables serve writes first.
func dbState(t *testing.T, dsn string) string {
	t.Helper()
	if !strings.HasPrefix(dsn, "postgres://") {
		h := sha256.New()
		for _, path := range []string{dsn, dsn + "-wal"} {
			b, err := os.ReadFile(path)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			h.Write(b)
		}
		return hex.EncodeToString(h.Sum(nil))
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var counts []string
	for _, table := range []string{"schema_migrations", "categories", "services", "oauth_signing_keys", "oauth_secrets", "audit_events"} {
		var n string
		if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		counts = append(counts, table+"="+n)
	}
	return strings.Join(counts, " ")
}
