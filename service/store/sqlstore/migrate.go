package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"sesame/service"
	"sesame/service/msg"
)

// The schema is one list of migrations (migrations.go), in the manner of dex's
// storage/sql/migrate.go: migration N is applied in one transaction with its number
// recorded in schema_migrations, and a database is at the highest number recorded.

// MsgPreRelease is what the user reads when the database was written by a
// pre-release of Sésame, whose schema this build no longer reads.
const MsgPreRelease msg.Code = "store.pre_release"

// Migrate brings the schema up to date. A database written by a newer Sésame, whose
// schema version this build does not know, is refused with ENEWER; one written by a
// pre-release (its versions kept by goose) with ECORRUPT and MsgPreRelease. Both are
// left untouched.
func (s *Store) Migrate(ctx context.Context) error { return s.migrateTo(ctx, len(migrations)) }

// migrateTo is Migrate that stops at migration n (tests build older files with it).
func (s *Store) migrateTo(ctx context.Context, n int) error {
	// goose kept the pre-releases' versions in goose_db_version.
	if _, err := s.db.ExecContext(ctx, `SELECT 1 FROM goose_db_version LIMIT 1`); err == nil {
		return service.Errorf(service.ECORRUPT, MsgPreRelease, errors.New("schema of a pre-release (goose_db_version)"))
	}
	if _, err := schemaVersion(ctx, s.db); err != nil {
		// A new database, without the table of migrations yet.
		if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER PRIMARY KEY,
			applied_at BIGINT NOT NULL
		)`); err != nil {
			return s.fail(fmt.Errorf("migrations table: %w", err))
		}
	}
	for {
		// Read first, outside a transaction: an up-to-date database may be read-only.
		v, err := schemaVersion(ctx, s.db)
		switch {
		case err != nil:
			return s.fail(fmt.Errorf("schema version: %w", err))
		case v > len(migrations):
			return service.Errorf(service.ENEWER, service.MsgStoreNewer,
				fmt.Errorf("schema version %d, this build knows up to %d", v, len(migrations)))
		case v >= n:
			return nil
		}
		if err := s.inTx(ctx, func(tx *sql.Tx) error { return s.apply(ctx, tx) }); err != nil {
			return err
		}
	}
}

// apply applies the migration that follows the database's version, unless another
// process applied it first.
func (s *Store) apply(ctx context.Context, tx *sql.Tx) error {
	v, err := schemaVersion(ctx, tx)
	if err != nil || v >= len(migrations) {
		return err
	}
	m := migrations[v]
	for _, stmt := range m.statements(s.d) {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("migration %d: %w", v+1, err)
		}
	}
	if m.fill != nil {
		if err := m.fill(s, ctx, tx); err != nil {
			return fmt.Errorf("migration %d: %w", v+1, err)
		}
	}
	_, err = tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`),
		v+1, time.Now().UnixMicro())
	return err
}

// MigrationsPending reports whether the database lacks some of this build's
// migrations (a server's readiness: it must not serve a schema it does not expect).
func (s *Store) MigrationsPending(ctx context.Context) (bool, error) {
	v, err := schemaVersion(ctx, s.db)
	return v < len(migrations), err
}

// LatestVersion is the number of this build's last migration: the schema it writes.
func LatestVersion() int { return len(migrations) }

// CheckImportable refuses, before anything is copied, a desktop file that this build
// cannot import: one that is not Sésame's (ECORRUPT, MsgImportNotSesame), one written
// by a pre-release (ECORRUPT, MsgPreRelease) or by a newer Sésame (ENEWER,
// MsgImportNewer, both versions named). It returns the file's schema version: an
// older one is migrated on a copy first.
func CheckImportable(ctx context.Context, db *sql.DB) (int, error) {
	if _, err := db.ExecContext(ctx, `SELECT 1 FROM goose_db_version LIMIT 1`); err == nil {
		return 0, service.Errorf(service.ECORRUPT, MsgPreRelease, errors.New("schema of a pre-release (goose_db_version)"))
	}
	v, err := schemaVersion(ctx, db)
	if err != nil {
		return 0, importReadErr(err)
	}
	if v > len(migrations) {
		return v, &service.Error{Code: service.ENEWER, Message: MsgImportNewer, Params: msg.Params{"File": v, "Build": len(migrations)}}
	}
	if v < 1 {
		return v, service.Errorf(service.ECORRUPT, MsgImportNotSesame, errors.New("no migration recorded"))
	}
	return v, nil
}

// schemaVersion is the number of the last migration applied.
func schemaVersion(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int, error) {
	var v int
	err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// migration is one step of the schema, in the order of the list.
type migration struct {
	// stmts run on every database, in PostgreSQL's words; SQLite reads them through
	// sqliteWords.
	stmts []string
	// sqlite and postgres run after stmts, on their database only: what the two must
	// do differently.
	sqlite, postgres []string
	// fill, if set, runs last: rows that only Go computes (service.NameWords).
	fill func(s *Store, ctx context.Context, tx *sql.Tx) error
}

// sqliteWords turns the shared statements' PostgreSQL types into SQLite's: BYTEA is
// BLOB; a BIGINT PRIMARY KEY is SQLite's INTEGER PRIMARY KEY (the row's own number);
// text compares byte-wise by default (BINARY), so COLLATE "C" goes.
var sqliteWords = strings.NewReplacer(`BYTEA`, `BLOB`, `BIGINT PRIMARY KEY`, `INTEGER PRIMARY KEY`, ` COLLATE "C"`, ``)

// statements are the statements of m for dialect d.
func (m migration) statements(d Dialect) []string {
	if !d.Postgres {
		out := make([]string, 0, len(m.stmts)+len(m.sqlite))
		for _, st := range m.stmts {
			out = append(out, sqliteWords.Replace(st))
		}
		return append(out, m.sqlite...)
	}
	return append(append([]string{}, m.stmts...), m.postgres...)
}
