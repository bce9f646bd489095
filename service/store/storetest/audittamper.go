package storetest

import (
	"database/sql"
	"fmt"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// rawDB is what the SQL stores offer beyond store.Store: their database, which the
// tampering test edits behind the store's back, as an intruder with the file or the
// database password would.
type rawDB interface{ DB() *sql.DB }

// testAuditTampering: events altered, deleted (in the middle or at the end), reordered
// by their numbers or by their contents, and a head moved, each directly in the
// database, are each detected by the verification, which names the first event
// concerned; once the database is restored the chain is whole again.
func testAuditTampering(t *testing.T, s store.Store) {
	r, ok := s.(rawDB)
	if !ok {
		t.Fatalf("%T does not expose its database", s)
	}
	db := r.DB()
	seed(t, s)
	ctx := t.Context()
	for i := range 6 {
		if err := s.AppendAudit(ctx, signIn(base.Add(time.Duration(i)*time.Minute), "192.0.2.10")); err != nil {
			t.Fatalf("AppendAudit: %v", err)
		}
	}
	exec := func(stmts ...string) {
		t.Helper()
		for _, q := range stmts {
			if _, err := db.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
	}
	exec(`CREATE TABLE audit_backup AS SELECT * FROM audit_events`,
		`CREATE TABLE audit_head_backup AS SELECT * FROM audit_head`)
	restore := func() {
		t.Helper()
		exec(`DELETE FROM audit_events`, `INSERT INTO audit_events SELECT * FROM audit_backup`,
			`DELETE FROM audit_head`, `INSERT INTO audit_head SELECT * FROM audit_head_backup`)
		if c := verify(t, s); !c.OK() || c.Events != 6 {
			t.Fatalf("after restoring: %+v (%s)", c, c.Message())
		}
	}
	restore()
	const swapContent = `UPDATE audit_events SET (at, actor, login, action, key_id, key_name, tiers_code, service_id, addr, detail, hash) =
		(SELECT at, actor, login, action, key_id, key_name, tiers_code, service_id, addr, detail, hash FROM audit_backup b WHERE b.id = %s)
		WHERE id = %s`
	for _, tc := range []struct {
		name    string
		stmts   []string
		problem service.AuditProblem
		event   int64
	}{
		{"altered actor", []string{`UPDATE audit_events SET actor = 'Quelqu''un d''autre' WHERE id = 3`}, service.AuditAltered, 3},
		{"altered address", []string{`UPDATE audit_events SET addr = '10.0.0.1' WHERE id = 5`}, service.AuditAltered, 5},
		{"altered instant", []string{`UPDATE audit_events SET at = at + 1 WHERE id = 1`}, service.AuditAltered, 1},
		{"hash of another", []string{`UPDATE audit_events SET hash = (SELECT hash FROM audit_backup WHERE id = 2) WHERE id = 4`}, service.AuditAltered, 4},
		{"deleted in the middle", []string{`DELETE FROM audit_events WHERE id = 3`}, service.AuditMissing, 3},
		{"deleted first", []string{`DELETE FROM audit_events WHERE id = 1`}, service.AuditMissing, 1},
		{"deleted last", []string{`DELETE FROM audit_events WHERE id = 6`}, service.AuditMissing, 6},
		{"reordered numbers", []string{`UPDATE audit_events SET id = -2 WHERE id = 2`, `UPDATE audit_events SET id = 2 WHERE id = 4`,
			`UPDATE audit_events SET id = 4 WHERE id = -2`}, service.AuditAltered, 2},
		{"reordered contents", []string{sprintf(swapContent, "4", "2"), sprintf(swapContent, "2", "4")}, service.AuditAltered, 2},
		{"head moved back", []string{`UPDATE audit_head SET seq = 5`}, service.AuditBadHead, 5},
	} {
		exec(tc.stmts...)
		c := verify(t, s)
		if c.Problem != tc.problem || c.Event != tc.event {
			t.Errorf("%s: VerifyAudit = %+v (%s); want %s at event %d", tc.name, c, c.Message(), tc.problem, tc.event)
		}
		if c.OK() || c.Message() == "" {
			t.Errorf("%s: no sentence for the problem", tc.name)
		}
		restore()
	}
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
