// Package postgres is the store of a shared server: PostgreSQL through pgx (its
// database/sql driver, so that the shared SQL store runs unchanged), migrated at
// open. Several server replicas may share one database.
package postgres

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"sesame/service"
	"sesame/service/store/sqlstore"
)

// Store is a store.Store on a PostgreSQL database.
type Store struct {
	*sqlstore.Store
	cfg     *pgx.ConnConfig // for the connection that listens to key changes (listen.go)
	replica string          // this store's sesame.replica setting, in its announcements
	// nameIndex: the trigram indexes of names were there at Open (nameindex.go).
	nameIndex bool
}

// Dialect returns the PostgreSQL dialect of the shared SQL store.
func Dialect() sqlstore.Dialect { return sqlstore.Dialect{Postgres: true, Classify: classify} }

// Pool settings: enough connections for a busy server replica, recycled so that a
// failover or a restarted PostgreSQL is picked up.
const (
	maxOpenConns    = 32
	maxIdleConns    = 16
	connMaxIdleTime = 5 * time.Minute
	connMaxLifetime = 30 * time.Minute
	// connectTimeout applies when the URL sets no connect_timeout.
	connectTimeout = 10 * time.Second
)

// migrationLock is the key of the advisory lock under which replicas starting
// together migrate one at a time ("sesame" in ASCII).
const migrationLock = 0x736573616d65

// Open connects to the database at url (postgres://user:password@host/db?…),
// migrates it and returns the store. It fails with EINVALID for a URL it cannot
// parse, EUNAVAILABLE when the server cannot be reached, ENEWER when a newer Sésame
// migrated the database. No error repeats the URL's password.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := connConfig(url)
	if err != nil {
		return nil, err
	}
	// pgx prepares and caches every statement; after five runs PostgreSQL may plan
	// one once for any arguments, and a "name contains" pattern then looks as common
	// as any. Plan each time with the arguments, unless the URL says otherwise.
	if _, set := cfg.RuntimeParams["plan_cache_mode"]; !set {
		cfg.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	}
	// Every change this store makes to a key is announced tagged with this, so that
	// its own listener skips the echo of what it already announced in-process.
	replica := rand.Text()
	cfg.RuntimeParams[replicaSetting] = replica
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(maxOpenConns)
	db.SetMaxIdleConns(maxIdleConns)
	db.SetConnMaxIdleTime(connMaxIdleTime)
	db.SetConnMaxLifetime(connMaxLifetime)
	s := &Store{cfg: cfg.Copy(), replica: replica}
	d := Dialect()
	d.NameIndexed = s.nameIndexed
	s.Store = sqlstore.New(db, d)
	if err := s.migrate(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	if s.nameIndex, err = hasNameIndex(ctx, s); err != nil {
		_ = db.Close()
		return nil, classifyFail(err)
	}
	return s, nil
}

// OpenReadOnly connects to the database at url for reading only: every transaction
// is read-only (default_transaction_read_only), and nothing is migrated. It is what a
// command checks before it writes (sqlstore.Store.Version, EachSecret); it fails as
// Open does.
func OpenReadOnly(ctx context.Context, url string) (*sqlstore.Store, error) {
	cfg, err := connConfig(url)
	if err != nil {
		return nil, err
	}
	cfg.RuntimeParams["default_transaction_read_only"] = "on"
	db := stdlib.OpenDB(*cfg)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, classifyFail(err)
	}
	return sqlstore.New(db, Dialect()), nil
}

// connConfig parses url, with connectTimeout when it sets none.
func connConfig(url string) (*pgx.ConnConfig, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		// pgx masks passwords in its parse errors only on a best-effort basis.
		return nil, service.Errorf(service.EINVALID, service.MsgDBURLInvalid,
			errors.New("postgres: cannot parse the database URL (details withheld: it may hold a password)"))
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = connectTimeout
	}
	return cfg, nil
}

// migrate runs the shared Migrate while holding an advisory lock, so that replicas
// started at the same time do not race to create the same tables.
func (s *Store) migrate(ctx context.Context) error {
	conn, err := s.DB().Conn(ctx)
	if err != nil {
		return classifyFail(fmt.Errorf("connect: %w", err))
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, int64(migrationLock)); err != nil {
		return classifyFail(fmt.Errorf("lock for migration: %w", err))
	}
	// Unlock even if ctx is done; closing the connection would release it anyway.
	defer func() {
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(migrationLock))
	}()
	return s.Migrate(ctx)
}
