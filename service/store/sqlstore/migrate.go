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
// storage/sql/migrate.go: each is applied in one transaction with its version
// recorded in schema_migrations, and a database is at the highest version recorded.

// firstVersion is the version the list's first migration, the baseline, records.
// Pre-releases recorded versions 1 to 16 (their migrations, squashed into the
// baseline): a database at one of them is a pre-release's.
const firstVersion = 17

// latestVersion is the version of the list's last migration: the schema this build
// writes.
func latestVersion() int { return firstVersion + len(migrations) - 1 }

// MsgPreRelease is what the user reads when the database was written by a
// pre-release of Sésame, whose schema this build no longer reads.
const MsgPreRelease msg.Code = "store.pre_release"

// Migrate brings the schema up to date. A database written by a newer Sésame, whose
// schema version this build does not know, is refused with ENEWER; one written by a
// pre-release (its versions kept by goose, or below firstVersion) with ECORRUPT and
// MsgPreRelease. Both are left untouched.
func (s *Store) Migrate(ctx context.Context) error { return s.migrateTo(ctx, latestVersion()) }

// migrateTo is Migrate that stops at version n (tests build older files with it).
func (s *Store) migrateTo(ctx context.Context, n int) error {
	if err := refusePreRelease(ctx, s.db); err != nil {
		return err
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
		if err != nil {
			return s.fail(fmt.Errorf("schema version: %w", err))
		}
		if err := refuseVersion(v); err != nil || v >= n {
			return err
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
	switch {
	case err != nil || v >= latestVersion():
		return err
	case v > 0 && v < firstVersion:
		return preRelease(v)
	}
	next := max(v+1, firstVersion)
	for _, stmt := range migrations[next-firstVersion].statements(s.d) {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("migration %d: %w", next, err)
		}
	}
	_, err = tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`),
		next, time.Now().UnixMicro())
	return err
}

// MigrationsPending reports whether the database lacks some of this build's
// migrations (a server's readiness: it must not serve a schema it does not expect).
func (s *Store) MigrationsPending(ctx context.Context) (bool, error) {
	v, err := schemaVersion(ctx, s.db)
	return v < latestVersion(), err
}

// LatestVersion is the version of this build's last migration: the schema it writes.
func LatestVersion() int { return latestVersion() }

// CheckImportable refuses, before anything is copied, a desktop file that this build
// cannot import: one that is not Sésame's (ECORRUPT, MsgImportNotSesame), one written
// by a pre-release (ECORRUPT, MsgPreRelease) or by a newer Sésame (ENEWER,
// MsgImportNewer, both versions named). It returns the file's schema version: an
// older one is migrated on a copy first.
func CheckImportable(ctx context.Context, db *sql.DB) (int, error) {
	if err := refusePreRelease(ctx, db); err != nil {
		return 0, err
	}
	v, err := schemaVersion(ctx, db)
	switch {
	case err != nil:
		return 0, importReadErr(err)
	case v > latestVersion():
		return v, &service.Error{Code: service.ENEWER, Message: MsgImportNewer, Params: msg.Params{"File": v, "Build": latestVersion()}}
	case v < 1:
		return v, service.Errorf(service.ECORRUPT, MsgImportNotSesame, errors.New("no migration recorded"))
	case v < firstVersion:
		return v, preRelease(v)
	}
	return v, nil
}

// refusePreRelease refuses a database written by a pre-release that kept its schema
// versions with goose (goose_db_version).
func refusePreRelease(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `SELECT 1 FROM goose_db_version LIMIT 1`); err == nil {
		return service.Errorf(service.ECORRUPT, MsgPreRelease, errors.New("schema of a pre-release (goose_db_version)"))
	}
	return nil
}

// refuseVersion refuses a schema at version v that this build does not migrate: a
// newer Sésame's (ENEWER) or a pre-release's (below firstVersion); nil otherwise.
func refuseVersion(v int) error {
	switch {
	case v > latestVersion():
		return service.Errorf(service.ENEWER, service.MsgStoreNewer,
			fmt.Errorf("schema version %d, this build knows up to %d", v, latestVersion()))
	case v > 0 && v < firstVersion:
		return preRelease(v)
	}
	return nil
}

// preRelease refuses a database at version v, below firstVersion: a pre-release's.
func preRelease(v int) error {
	return service.Errorf(service.ECORRUPT, MsgPreRelease,
		fmt.Errorf("schema version %d of a pre-release, this build reads from %d", v, firstVersion))
}

// schemaVersion is the highest version recorded in schema_migrations: 0 when none is.
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
