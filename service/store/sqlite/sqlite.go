// Package sqlite is the desktop's store: one SQLite file (modernc.org/sqlite, pure Go)
// in WAL mode, migrated at open, behind the shared SQL store.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"sesame/service/store/sqlstore"
)

// Store is a store.Store on one SQLite file.
type Store struct {
	*sqlstore.Store
}

// Dialect returns the SQLite dialect of the shared SQL store.
func Dialect() sqlstore.Dialect { return sqlstore.Dialect{Classify: classify, NameIndex: nameIndex} }

// nameIndex is the query of the rows of a table whose folded name contains a term,
// through the table's trigram index (api_keys_names, audit_events_names:
// sqlstore/migrations.go), and its argument: the term quoted as an FTS5 phrase, which
// the trigram tokenizer matches as a substring. A term under three characters has no
// trigram.
func nameIndex(table, folded string) (query, arg string, ok bool) {
	if utf8.RuneCountInString(folded) < 3 {
		return "", "", false
	}
	index := table + "_names"
	return `SELECT rowid FROM ` + index + ` WHERE ` + index + ` MATCH ? LIMIT ?`,
		`"` + strings.ReplaceAll(folded, `"`, `""`) + `"`, true
}

// busyTimeoutMS is how long a write waits for another writer before ELOCKED: long
// enough for a concurrent generation, short enough not to leave the user waiting.
const busyTimeoutMS = 3000

// Open opens or creates the file at path (and its folder, private to the user),
// migrates it, and returns the store. It fails with EREADONLY, ELOCKED, ECORRUPT, ENEWER
// or EFULL, leaving the file as it was.
func Open(ctx context.Context, path string) (*Store, error) { return open(ctx, path) }

// OpenReadOnly opens the existing file at path to read it only, without migrating
// it: what a command checks before it writes anything (sqlstore.Store.Version,
// EachSecret). Every statement that would change the file fails (query_only). Not
// SQLite's mode=ro, which leaves a -wal and a -shm file behind; like any last
// connection, this one's close folds a write-ahead log that another's crash left
// into the file.
func OpenReadOnly(ctx context.Context, path string) (*sqlstore.Store, error) {
	if _, err := os.Stat(path); err != nil { // never create it
		return nil, classify(fmt.Errorf("open %s: %w", filepath.Base(path), err))
	}
	db, err := sql.Open("sqlite", fmt.Sprintf("%s?_pragma=busy_timeout(%d)&_pragma=query_only(1)", path, busyTimeoutMS))
	if err != nil {
		return nil, classify(err)
	}
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, classify(fmt.Errorf("open %s: %w", filepath.Base(path), err))
	}
	return sqlstore.New(db, Dialect()), nil
}

// open is Open with extra pragmas, e.g. max_page_count to test a full disk.
func open(ctx context.Context, path string, pragmas ...string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, classify(fmt.Errorf("create data folder: %w", err))
	}
	// Create the file private: SQLite gives its -wal and -shm the same mode.
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
		_ = f.Close()
	} else if !errors.Is(err, fs.ErrExist) {
		return nil, classify(fmt.Errorf("create data file: %w", err))
	}
	dsn := fmt.Sprintf("%s?_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate",
		path, busyTimeoutMS)
	for _, p := range pragmas {
		dsn += "&_pragma=" + p
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, classify(err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8) // keep them: reopening a connection costs more than a query
	s := &Store{Store: sqlstore.New(db, Dialect())}
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, classify(fmt.Errorf("open %s: %w", filepath.Base(path), err))
	}
	if err := s.Migrate(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}
