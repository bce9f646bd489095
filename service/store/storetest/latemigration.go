package storetest

import (
	"database/sql"
	"testing"

	"github.com/pressly/goose/v3"

	"sesame/service"
	"sesame/service/store"
	"sesame/service/store/sqlstore"
)

// lateVersion is a migration numbered below others already released (the journal's
// key name index): databases that have every later one lack it.
const lateVersion = 22

// TestLateMigration checks that a database lacking a migration numbered below its
// version, as one written before that migration existed does, gets it when opened:
// open (which migrates db as Sésame does) is called on a store with events, the
// migration is rolled back alone, then open is called again. The journal's key name
// criterion then finds the events written before and after.
func TestLateMigration(t *testing.T, db *sql.DB, d sqlstore.Dialect, open func(t *testing.T) store.Store) {
	t.Helper()
	ctx := t.Context()
	s := open(t)
	seed(t, s)
	k := newKey(t, firm, loop, "Synchro éléphant", base)
	insert(t, s, k)
	p, err := goose.NewProvider(d.Goose, db, d.Migrations, goose.WithDisableGlobalRegistry(true), goose.WithAllowOutofOrder(true))
	if err != nil {
		t.Fatalf("goose: %v", err)
	}
	if _, err := p.ApplyVersion(ctx, lateVersion, false); err != nil {
		t.Fatalf("roll back migration %d alone: %v", lateVersion, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open(t)
	if pending, err := p.HasPending(ctx); err != nil || pending {
		t.Fatalf("after opening: migrations pending %v, %v", pending, err)
	}
	k2 := newKey(t, firm, loop, "Paie éléphant", base)
	insert(t, s, k2)
	checkEvents(t, "the journal by key name after the late migration", audit(t, s, service.AuditFilter{KeyName: "Éléphant"}),
		[]service.AuditEvent{event(k2.Key, service.AuditGenerate, base), event(k.Key, service.AuditGenerate, base)})
}
