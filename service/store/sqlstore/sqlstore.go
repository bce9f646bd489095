// Package sqlstore implements store.Store once, over database/sql, for every SQL
// database Sésame supports. A Dialect supplies what differs: placeholders, how driver
// errors map to service error kinds, and the goose migrations.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pressly/goose/v3"

	"sesame/service"
)

// Dialect is what one database brings to the shared store.
type Dialect struct {
	Goose      goose.Dialect
	Migrations fs.FS // the *.sql files of this dialect, at the root
	// Numbered placeholders ($1, $2…) instead of "?".
	Numbered bool
	// Classify turns a driver error into a *service.Error (EREADONLY, ELOCKED, EFULL,
	// ECONFLICT for unique violations, …) or returns it unchanged.
	Classify func(error) error
	// CollateBinary is appended to ORDER BY text columns so that both databases order
	// strings byte-wise, e.g. ` COLLATE "C"` on PostgreSQL.
	CollateBinary string
	// WeighsTiers: the planner knows from statistics how many events a tiers has, and
	// reads an export of large tiers in ID order and sorts a small tiers' few events
	// (PostgreSQL). Without it the export always walks the ID order.
	WeighsTiers bool
	// NameProbe, if set, is a query through a text index returning the IDs of the keys
	// of one tiers and service whose folded name contains a term; its arguments are
	// (ProbeTerm(term), tiers, service, limit). ListKeys asks it first: few matches
	// are then fetched by ID instead of scanning every key in sort order.
	NameProbe string
	// ProbeTerm turns a folded term into NameProbe's first argument; false when the
	// index cannot serve that term (e.g. shorter than a trigram).
	ProbeTerm func(folded string) (string, bool)
	// EachAudit, if set, runs EachAudit's query (the journal's columns, in order)
	// and calls fn with each event, faster than through database/sql.
	EachAudit func(ctx context.Context, db *sql.DB, query string, args []any, fn func(service.AuditEvent) error) error
	// AuditNameProbe, if set, is a query through a text index returning the numbers
	// of the events whose folded key name contains a term; its arguments are
	// (ProbeTerm(term), limit). Audit asks it first: few matches are then read by
	// number and sorted instead of walking the journal in order.
	AuditNameProbe string
	// AuditByNumber, if set, is the FROM clause that reads events by number only,
	// whatever other criteria could pick an index (SQLite: NOT INDEXED), for the few
	// events AuditNameProbe found.
	AuditByNumber string
	// NameTailProbe, if set, is a query through a text index returning the IDs of the
	// keys of one tiers and service whose folded name contains a term after its first
	// character; its arguments are (LIKE pattern, tiers, service, limit). Sorted by
	// name, ListKeys then takes the names that start with the term as a range of the
	// name index, and merges these few (keylist_prefix.go).
	NameTailProbe string
	// CountFrom, if set, replaces "api_keys" in the FROM of the count of the keys
	// matching the criteria, e.g. to name the index that holds every column they test
	// (keycount.go); not used for keys fetched by ID.
	CountFrom string
	// ExpiredFrom, if set, replaces "api_keys" in the FROM of a listing of the
	// expired keys alone sorted by creation, e.g. to name the index of the active keys
	// that have an expiry (keylist_expired.go).
	ExpiredFrom string
	// Analyzed is set when the planner has statistics on the keys (PostgreSQL's
	// ANALYZE): ListKeys then writes a common key-life criterion as it is, where
	// SQLite's planner, without them, must be kept off the criterion's index. Written
	// "+col", the criterion got PostgreSQL's default selectivities and a sequential scan
	// and sort (1,000,000 keys, "Expire avant le" by name: 140 ms -> 1 ms).
	Analyzed bool
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
	if !s.d.Numbered {
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
