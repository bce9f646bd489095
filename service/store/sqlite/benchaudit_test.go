package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"sesame/service/store/sqlite"
	"sesame/service/store/storetest"
)

// BenchmarkAuditJournal times the journal on a SQLite file of 1,000,000 events: first
// pages by criteria (budget 30 ms), the CSV export (10 s, 20 MB of resident memory
// growth) and the chain's verification (5 s). Run with -benchtime 1x (bench/audit).
func BenchmarkAuditJournal(b *testing.B) {
	s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "sesame.db"))
	if err != nil {
		b.Fatalf("Open: %v", err)
	}
	b.Cleanup(func() { _ = s.Close() })
	storetest.BenchFillAudit(b, s.BulkAppendAudit)
	storetest.BenchAuditJournal(b, s)
}
