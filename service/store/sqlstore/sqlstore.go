// Package sqlstore implements store.Store once, over database/sql, for every SQL
// database Sésame supports. A Dialect supplies what differs: placeholders, how driver
// errors map to service error kinds, and the migrations' statements of its own.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"sesame/service"
)

// Dialect is what one database brings to the shared store.
type Dialect struct {
	// Postgres is set for PostgreSQL: numbered placeholders ($1, $2…) instead of "?",
	// and its own statements in the migrations (migrate.go).
	Postgres bool
	// Classify turns a driver error into a *service.Error (EREADONLY, ELOCKED, EFULL,
	// ECONFLICT for unique violations, …) or returns it unchanged.
	Classify func(error) error
	// NameIndex, if set, turns a folded term into a query of the rowids of the rows of
	// table (api_keys, audit_events) whose folded name contains it, through a text
	// index, and the query's first argument; its second is the most rowids to
	// return. ok is false when the index cannot serve the term.
	NameIndex func(table, folded string) (query, arg string, ok bool)
	// NameIndexed, if set, reports whether the database reads a « contient » of the
	// folded term from a text index when nothing else decides its plan (PostgreSQL's
	// trigram index): a listing of a rare name then sorts its matches, so that the
	// planner cannot prefer walking the sort's index.
	NameIndexed func(folded string) bool
}

// Store is the shared store.Store implementation.
type Store struct {
	db    *sql.DB
	d     Dialect
	stmts sync.Map // query → *sql.Stmt, for the hot paths (prepared.go)
	watch watchers // in-process receivers of key changes (watch.go)
}

// New wraps an open database; call Migrate before use.
func New(db *sql.DB, d Dialect) *Store { return &Store{db: db, d: d} }

// DB returns the underlying database, for dialect-specific tests and tools.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the database.
func (s *Store) Close() error {
	s.closeStmts()
	return s.db.Close()
}

// q rewrites a query written with "?" placeholders for the dialect.
func (s *Store) q(query string) string {
	if !s.d.Postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// fail classifies err for the user; what stays unclassified becomes EINTERNAL with
// the cause kept for the log.
func (s *Store) fail(err error) error {
	if err == nil {
		return nil
	}
	if s.d.Classify != nil {
		err = s.d.Classify(err)
	}
	var e *service.Error
	if errors.As(err, &e) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return service.Errorf(service.EUNAVAILABLE, service.MsgUnavailable, err)
	}
	return service.Errorf(service.EINTERNAL, service.MsgUnexpected, err)
}

// inTx runs fn in a transaction, committed if fn returns nil, rolled back otherwise.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.fail(err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return s.fail(err)
	}
	return s.fail(tx.Commit())
}

// micros converts a time to the stored form; the zero time is NULL.
func micros(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMicro(), Valid: true}
}

// fromMicros converts a stored time back; NULL is the zero time.
func fromMicros(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.UnixMicro(n.Int64)
}

func isUniqueViolation(err error) bool {
	var e *service.Error
	return errors.As(err, &e) && e.Code == service.ECONFLICT
}
