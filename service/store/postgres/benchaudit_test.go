package postgres_test

import (
	"testing"

	"sesame/service/store/postgres/pgtest"
	"sesame/service/store/storetest"
)

// BenchmarkAuditJournal times the journal on a PostgreSQL database of 1,000,000
// events: first pages by criteria (budget 30 ms), the CSV export (10 s, 20 MB of
// resident memory growth) and the chain's verification (5 s). Run with -benchtime 1x
// (bench/audit).
func BenchmarkAuditJournal(b *testing.B) {
	pgtest.ServerURL(b)
	s := open(b, pgtest.FreshDatabase(b))
	storetest.BenchFillAudit(b, s.BulkAppendAudit)
	// As autovacuum would soon after such a load: the visibility map lets a page's
	// index-only scans skip the table, as on a journal that grew over years.
	if _, err := s.DB().ExecContext(b.Context(), `VACUUM ANALYZE audit_events`); err != nil {
		b.Fatalf("VACUUM ANALYZE: %v", err)
	}
	storetest.BenchAuditJournal(b, s)
}
