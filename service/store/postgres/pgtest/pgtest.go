// Package pgtest gives tests a fresh PostgreSQL database of their own on the throw-away
// server that scripts/with-test-services starts (and so `make test`): created empty,
// dropped when the test ends.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// ServerEnv names the variable holding the test server's postgres:// URL.
const ServerEnv = "SESAME_TEST_POSTGRES"

// ServerURL returns the test server's URL; it fails the test (never skips it) when
// there is none.
func ServerURL(t testing.TB) string {
	t.Helper()
	server := os.Getenv(ServerEnv)
	if server == "" {
		t.Fatalf("%s is not set: run the tests through scripts/with-test-services (make test does), "+
			"or set it to a postgres:// URL of a server where they may create databases", ServerEnv)
	}
	return server
}

// FreshDatabase creates an empty database on the test server, dropped at cleanup, and
// returns its URL. Its default collation is ICU French where the server has ICU, so
// that any ordering left to the database's collation would differ from SQLite's
// byte-wise one and fail the tests that compare them.
func FreshDatabase(t testing.TB) string {
	t.Helper()
	server := ServerURL(t)
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatalf("test server URL: %v", err)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "sesame_" + hex.EncodeToString(b[:])
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+name+
		` TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C' LOCALE_PROVIDER icu ICU_LOCALE 'fr-FR'`); err != nil {
		if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
			_ = admin.Close()
			t.Fatalf("create test database: %v", err)
		}
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			t.Errorf("drop test database: %v", err)
		}
		_ = admin.Close()
	})
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("test server URL: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}
