package sqlite_test

import (
	"database/sql"
	"path/filepath"
	"testing"

	"sesame/service/store"
	"sesame/service/store/sqlite"
	"sesame/service/store/storetest"
)

// TestConformance runs the store suite on a real SQLite file per subtest.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "sesame.db"))
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		t.Cleanup(func() {
			if err := s.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
		return s
	})
}

// TestMigrationChainsOldEvents: a file written before the audit chain is chained when
// opened.
func TestMigrationChainsOldEvents(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sesame.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	storetest.TestBackfill(t, db, sqlite.Dialect(), func(t *testing.T) store.Store {
		s, err := sqlite.Open(t.Context(), path)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		t.Cleanup(func() { _ = s.Close() })
		return s
	})
}

// TestOpenAppliesALateMigration: a file lacking a migration numbered below its
// version gets it when opened.
func TestOpenAppliesALateMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sesame.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	storetest.TestLateMigration(t, db, sqlite.Dialect(), func(t *testing.T) store.Store {
		s, err := sqlite.Open(t.Context(), path)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return s
	})
}
