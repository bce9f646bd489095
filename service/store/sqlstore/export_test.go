package sqlstore

import (
	"context"
	"testing"
)

// MigrateTo builds the schema up to version n only, as an older Sésame left it.
func (s *Store) MigrateTo(ctx context.Context, n int) error { return s.migrateTo(ctx, n) }

// FirstVersion is the version the baseline records.
const FirstVersion = firstVersion

// WithLaterMigration makes this build, for the test's duration, one that has a
// migration after the baseline (a column of api_keys and a table), as a later
// Sésame will: a file at the baseline is then an older Sésame's. Tests that use it
// must not run in parallel.
func WithLaterMigration(t testing.TB) {
	saved := migrations
	migrations = append(migrations[:len(migrations):len(migrations)], migration{stmts: []string{
		`ALTER TABLE api_keys ADD COLUMN later_note TEXT COLLATE "C" NOT NULL DEFAULT ''`,
		`CREATE TABLE later_things (id TEXT COLLATE "C" PRIMARY KEY)`,
	}})
	t.Cleanup(func() { migrations = saved })
}
