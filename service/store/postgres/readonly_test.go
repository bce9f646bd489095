package postgres_test

import (
	"context"
	"testing"

	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
	"sesame/service/store/sqlstore"
)

// A store opened to read only (what serve checks before its first write) reads the
// schema's version, and every statement that would change the database fails: a
// row inserted, a table created.
func TestOpenReadOnlyWritesNothing(t *testing.T) {
	ctx := context.Background()
	dbURL := pgtest.FreshDatabase(t)
	open(t, dbURL) // init's tables
	ro, err := postgres.OpenReadOnly(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if v, err := ro.Version(ctx); v != sqlstore.LatestVersion() || err != nil {
		t.Errorf("Version: %d, %v; want %d", v, err, sqlstore.LatestVersion())
	}
	for _, stmt := range []string{
		`INSERT INTO tiers (code, name) VALUES ('95963', 'FUTUROSCOPE CEDEX')`,
		`CREATE TABLE written (x int)`,
	} {
		if _, err := ro.DB().ExecContext(ctx, stmt); err == nil {
			t.Errorf("%s: done through a store opened to read only", stmt)
		}
	}
	var tiers int
	if err := open(t, dbURL).DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM tiers`).Scan(&tiers); err != nil || tiers != 0 {
		t.Errorf("tiers after the refused insert: %d, %v; want 0", tiers, err)
	}
}
