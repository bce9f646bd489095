package sqlstore_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"sesame/service/store"
	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
	"sesame/service/store/sqlite"
	"sesame/service/store/sqlstore"
)

// sqlStore is what this package's tests use of a real store: either database's.
type sqlStore interface {
	store.Store
	store.AuthStore
	store.NotifyStore
	DB() *sql.DB
	Import(ctx context.Context, src *sql.DB, o sqlstore.ImportOptions) (sqlstore.ImportCounts, error)
}

// bothStores returns, by database name, a function that opens a fresh store on it (a
// new SQLite file, a new PostgreSQL database), closed at the test's end.
func bothStores() map[string]func(t *testing.T) sqlStore {
	return map[string]func(t *testing.T) sqlStore{
		"sqlite": func(t *testing.T) sqlStore {
			st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "sesame.db"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = st.Close() })
			return st
		},
		"postgres": func(t *testing.T) sqlStore {
			st, err := postgres.Open(context.Background(), pgtest.FreshDatabase(t))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = st.Close() })
			return st
		},
	}
}
