package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"net/url"
	"strings"
	"testing"
	"time"
)

// LimitedDatabase creates a fresh database (FreshDatabase) that a role of its own,
// made for the test, may use without owning it: the role creates tables in the public
// schema but may not create an extension, as on a server whose database administrator
// made Sésame's database. It returns the role's URL and the administrator's
// connection to that database; the role is dropped at cleanup, after the database.
func LimitedDatabase(t testing.TB) (string, *sql.DB) {
	t.Helper()
	ctx := context.Background()
	server, err := sql.Open("pgx", ServerURL(t))
	if err != nil {
		t.Fatalf("test server URL: %v", err)
	}
	role := "sesame_limited_" + strings.ToLower(rand.Text()[:10])
	if _, err := server.ExecContext(ctx, `CREATE ROLE `+role+` LOGIN`); err != nil {
		_ = server.Close()
		t.Fatalf("create role: %v", err)
	}
	t.Cleanup(func() { // registered first: runs after the database is dropped
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := server.ExecContext(ctx, `DROP ROLE IF EXISTS `+role); err != nil {
			t.Errorf("drop role: %v", err)
		}
		_ = server.Close()
	})
	dbURL := FreshDatabase(t)
	admin, err := sql.Open("pgx", dbURL)
	if err != nil {
		t.Fatalf("test database URL: %v", err)
	}
	t.Cleanup(func() { _ = admin.Close() })
	if _, err := admin.ExecContext(ctx, `GRANT USAGE, CREATE ON SCHEMA public TO `+role); err != nil {
		t.Fatalf("grant the schema to the role: %v", err)
	}
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatalf("test database URL: %v", err)
	}
	u.User = url.User(role)
	return u.String(), admin
}
