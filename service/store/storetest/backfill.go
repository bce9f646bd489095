package storetest

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"sesame/service"
	"sesame/service/store"
	"sesame/service/store/sqlstore"
)

// preChainVersion is the last schema version before the audit chain.
const preChainVersion = 3

// TestBackfill checks the migration to the audit chain on a database: db, migrated
// with d's migrations up to the schema before the chain, receives events the old
// way (with a gap in their IDs, as rolled-back inserts leave); open then opens it as
// Sésame does (migrating it to the end). The events keep their order, are numbered
// 1, 2, 3… and chained from the genesis, the chain verifies, and the next event
// follows them.
func TestBackfill(t *testing.T, db *sql.DB, d sqlstore.Dialect, open func(t *testing.T) store.Store) {
	t.Helper()
	ctx := context.Background()
	p, err := goose.NewProvider(d.Goose, db, d.Migrations, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatalf("goose: %v", err)
	}
	if _, err := p.UpTo(ctx, preChainVersion); err != nil {
		t.Fatalf("migrate to version %d: %v", preChainVersion, err)
	}
	names := []string{"un", "deux", "trois", "quatre", "cinq"}
	for i, n := range names {
		at := base.Add(time.Duration(i) * time.Minute).UnixMicro()
		if _, err := db.ExecContext(ctx, `INSERT INTO audit_events (at, actor, login, action, key_id, key_name, tiers_code, service_id)
			VALUES (`+itoa(at)+`, 'Delhumeau Vincent', 'vdelhumeau', 'generate', 'K`+n+`', '`+n+`', '95963', 'loop-apikey')`); err != nil {
			t.Fatalf("old-style event: %v", err)
		}
	}
	if _, err := db.ExecContext(ctx, `DELETE FROM audit_events WHERE key_name = 'trois'`); err != nil {
		t.Fatal(err)
	}
	s := open(t)
	evs := chainOf(t, s)
	var got []string
	for i, ev := range evs {
		got = append(got, ev.KeyName)
		if ev.ID != int64(i+1) || len(ev.Hash) != 64 {
			t.Fatalf("backfilled event %d: ID %d, hash %q", i, ev.ID, ev.Hash)
		}
	}
	if !slices.Equal(got, []string{"un", "deux", "quatre", "cinq"}) {
		t.Fatalf("backfilled events %q, want the old ones in their order", got)
	}
	if c := verify(t, s); !c.OK() || c.Events != 4 || c.Head.Seq != 4 {
		t.Fatalf("VerifyAudit after the migration = %+v (%s)", c, c.Message())
	}
	if err := s.AppendAudit(ctx, signIn(base.Add(time.Hour), "192.0.2.1")); err != nil {
		t.Fatalf("AppendAudit after the migration: %v", err)
	}
	if c := verify(t, s); !c.OK() || c.Events != 5 {
		t.Fatalf("VerifyAudit after the next event = %+v (%s)", c, c.Message())
	}
	if evs, _ := s.Audit(ctx, service.AuditFilter{KeyName: "QUATRE"}); len(evs) != 1 {
		t.Fatalf("the name criterion misses a backfilled event: %+v", evs)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
