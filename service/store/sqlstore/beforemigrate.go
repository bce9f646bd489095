package sqlstore

import (
	"context"
	"fmt"
)

// What a command checks before it migrates, on a store opened read-only
// (sqlite.OpenReadOnly, postgres.OpenReadOnly): it writes nothing, and it reads a
// schema older than this build's as that schema stands.

// Version is the schema's version, read without writing anything: 0 for a database
// in which no Sésame has created its tables. It refuses what Migrate refuses, with
// the same errors: a pre-release's schema (ECORRUPT, MsgPreRelease) and a newer
// Sésame's (ENEWER).
func (s *Store) Version(ctx context.Context) (int, error) {
	if err := refusePreRelease(ctx, s.db); err != nil {
		return 0, err
	}
	migrated, err := s.hasTable(ctx, "schema_migrations")
	if err != nil || !migrated {
		return 0, s.fail(err)
	}
	v, err := schemaVersion(ctx, s.db)
	if err != nil {
		return 0, s.fail(fmt.Errorf("schema version: %w", err))
	}
	return v, refuseVersion(v)
}

// EachSecret passes fn, reading only, every value that ResealSecrets would pass it,
// with its label, and stops at fn's first error. A table that the schema does not
// have yet holds no secret: migrations create secrets in none.
func (s *Store) EachSecret(ctx context.Context, fn func(label string, value []byte) error) error {
	for _, t := range sealedSecrets {
		exists, err := s.hasTable(ctx, t.table)
		if err != nil {
			return s.fail(err)
		}
		if !exists {
			continue
		}
		rows, err := readSecrets(ctx, s.db, t.read)
		if err != nil {
			return s.fail(err)
		}
		for _, r := range rows {
			if err := fn(t.label(r.name), r.value); err != nil {
				return err
			}
		}
	}
	return nil
}

// hasTable reports whether the database has a table of that name (on PostgreSQL,
// where the store's queries find it: the search path).
func (s *Store) hasTable(ctx context.Context, name string) (bool, error) {
	query := `SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?`
	if s.d.Postgres {
		query = `SELECT to_regclass(?) IS NOT NULL`
	}
	var exists bool
	err := s.db.QueryRowContext(ctx, s.q(query), name).Scan(&exists)
	return exists, err
}

// TableCount is how many tables the database holds (on PostgreSQL, in the schema the
// store's queries use), read without writing: a database without Sésame's version
// but with tables is another application's.
func (s *Store) TableCount(ctx context.Context) (int, error) {
	query := `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'`
	if s.d.Postgres {
		query = `SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()`
	}
	var n int
	if err := s.db.QueryRowContext(ctx, query).Scan(&n); err != nil {
		return 0, s.fail(err)
	}
	return n, nil
}
