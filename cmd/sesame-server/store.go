package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"sesame/service/httpserver"
	"sesame/service/msg"
	"sesame/service/store/postgres"
	"sesame/service/store/sqlite"
)

// isPostgres reports whether dsn is a PostgreSQL URL rather than a SQLite path.
func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// openStore opens the Sésame database named by dsn (a postgres:// or postgresql://
// URL, or else the path of a SQLite file) and brings its schema up to date. It
// refuses, writing nothing, a database that init has not created: a typo in --db
// must not become a new, empty firm.
func openStore(ctx context.Context, dsn string) (httpserver.Store, error) {
	if err := refuseUninitialised(ctx, dsn); err != nil {
		return nil, err
	}
	return open(ctx, dsn)
}

// refuseUninitialised refuses, writing nothing, a database that init has not created.
func refuseUninitialised(ctx context.Context, dsn string) error {
	ready, err := initialised(ctx, dsn)
	if err != nil {
		return err
	}
	if !ready {
		return notInitialised(dsn)
	}
	return nil
}

// notInitialised is the refusal of a database that init has not created.
func notInitialised(dsn string) error {
	if isPostgres(dsn) {
		return fmt.Errorf(msg.T(msgDBNotInitialised, nil), redactDSN(dsn), redactDSN(dsn))
	}
	if _, err := os.Stat(dsn); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf(msg.T(msgDBMissing, nil), dsn, dsn)
	}
	return fmt.Errorf(msg.T(msgDBNotInitialised, nil), dsn, dsn)
}

// open opens and migrates the database, creating a SQLite file that does not exist.
func open(ctx context.Context, dsn string) (httpserver.Store, error) {
	if isPostgres(dsn) {
		return postgres.Open(ctx, dsn)
	}
	return sqlite.Open(ctx, dsn)
}

// initialised reports whether dsn names a database that init has created, writing
// nothing. A folder is refused with a sentence of its own.
func initialised(ctx context.Context, dsn string) (bool, error) {
	if isPostgres(dsn) {
		c, err := postgres.Probe(ctx, dsn)
		return c.Sesame, err
	}
	fi, err := os.Stat(dsn)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, fmt.Errorf(msg.T("cli.base_erreur", nil), dsn, err)
	case fi.IsDir():
		return false, fmt.Errorf(msg.T(msgDBIsFolder, nil), dsn, filepath.Join(dsn, "sesame.db"))
	}
	f, err := os.Open(dsn)
	if err != nil {
		return false, fmt.Errorf(msg.T("cli.base_erreur", nil), dsn, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil {
		return false, nil // empty or shorter than a header: nothing was ever written
	}
	if !bytes.Equal(head, sqliteHeader) {
		return true, nil // not SQLite at all: the store says it is not a Sésame file
	}
	return sqliteInitialised(ctx, dsn)
}

// sqliteInitialised reports, reading only, whether the SQLite file at path holds
// Sésame's tables: a file without a table is not created yet; a file with tables
// of another application is refused, so that neither init nor serve adds Sésame's
// tables to it.
func sqliteInitialised(ctx context.Context, path string) (bool, error) {
	st, err := sqlite.OpenReadOnly(ctx, path)
	if err != nil {
		return false, err
	}
	defer st.Close()
	switch v, err := st.Version(ctx); {
	case err != nil:
		return false, err
	case v > 0:
		return true, nil
	}
	tables, err := st.TableCount(ctx)
	if err != nil {
		return false, err
	}
	if tables > 0 {
		return false, fmt.Errorf(msg.T(msgDBForeignSQLite, nil), path, tables)
	}
	return false, nil
}

// sqliteHeader opens every SQLite database file (https://sqlite.org/fileformat.html).
var sqliteHeader = []byte("SQLite format 3\x00")

// redactDSN is a PostgreSQL URL as it may be shown: without its password, in the
// user part or in the parameters.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return msg.T("cli.adresse_db_illisible", nil)
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// dbFlagHelp is the --db option's description.
const dbFlagHelp msg.Code = "cli.base_donnees_creee_init_chemin"
