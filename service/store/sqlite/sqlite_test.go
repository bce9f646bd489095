package sqlite_test

import (
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
