package postgres_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"sesame/service/store/postgres"
)

// testServerEnv names the variable holding the test server's URL; scripts/with-test-services
// (and so `make test`) sets it to a throw-away PostgreSQL.
const testServerEnv = "SESAME_TEST_POSTGRES"

// freshDatabase creates an empty database on the test server, dropped at cleanup, and
// returns its URL. Its default collation is ICU French where the server has ICU, so
// that any ordering left to the database's collation would differ from SQLite's
// byte-wise one and fail the suite.
func freshDatabase(t testing.TB) string {
	t.Helper()
	server := testServer(t)
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
		t.Logf("no ICU database (%v); using the server's default collation", err)
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

// open opens a store on dbURL, closed at cleanup.
func open(t testing.TB, dbURL string) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// testServer returns the test server's URL, and fails the test (never skips it) when
// there is none.
func testServer(t testing.TB) string {
	t.Helper()
	server := os.Getenv(testServerEnv)
	if server == "" {
		t.Fatalf("%s is not set: run the PostgreSQL tests through scripts/with-test-services "+
			"(make test does), or set it to a postgres:// URL of a server where they may create databases", testServerEnv)
	}
	return server
}

// dbName returns the database name of a URL.
func dbName(t testing.TB, dbURL string) string {
	t.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatalf("database URL: %v", err)
	}
	return strings.TrimPrefix(u.Path, "/")
}

// closedPort returns the address of a loopback port on which nothing listens.
func closedPort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := l.Addr().String()
	return addr, l.Close()
}
