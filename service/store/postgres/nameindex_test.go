package postgres_test

import (
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
	"sesame/service/store/postgres/pgtest"
	"sesame/service/store/sqlstore"
	"sesame/service/store/storetest"
)

// TestOpenWithoutNameIndexRights: a role that may not create pg_trgm still opens
// (migrates) its database, knows that the trigram index is missing, and lists keys by
// name; once a database administrator runs sqlstore.NameIndexSQL (what the server
// tells them at start), the next Open finds the index.
func TestOpenWithoutNameIndexRights(t *testing.T) {
	ctx := t.Context()
	dbURL, admin := pgtest.LimitedDatabase(t)
	s := open(t, dbURL)
	if !s.NameIndexMissing() {
		t.Fatal("NameIndexMissing = false for a role that may not create pg_trgm")
	}
	var indexes int
	if err := admin.QueryRowContext(ctx, `SELECT count(*) FROM pg_indexes WHERE indexname LIKE '%trgm'`).Scan(&indexes); err != nil || indexes != 0 {
		t.Fatalf("%d trigram indexes (%v), want none", indexes, err)
	}
	if err := s.AddTiers(ctx, service.Tiers{Code: "95963", Name: "FUTUROSCOPE CEDEX"}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutCatalogue(ctx, service.Catalogue{Categories: []string{"Services en ligne"}, Entries: []service.CatalogueEntry{
		{ID: "loop-apikey", Name: "Loop APIkey", Category: "Services en ligne", Description: "Loop", AcceptsKeys: true},
	}}); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)
	for i, name := range []string{"Paie production", "Girafe de la paie", "Banque recette"} {
		k := service.Key{ID: "KEY" + string(rune('A'+i)), Tiers: "95963", Service: "loop-apikey", Name: name,
			CreatedAt: at.Add(time.Duration(i) * time.Minute), CreatedBy: "Martin Zoé", Status: service.StatusActive, SecretHint: "ssk_…"}
		if err := s.InsertKey(ctx, store.KeyRecord{Key: k, Digest: make([]byte, 32)}, service.AuditEvent{At: k.CreatedAt, Actor: "Martin Zoé", Action: service.AuditGenerate, KeyID: k.ID, KeyName: name, Tiers: "95963", Service: "loop-apikey"}); err != nil {
			t.Fatalf("InsertKey: %v", err)
		}
	}
	list := func() []string {
		f := service.KeyFilter{Tiers: "95963", Service: "loop-apikey", NameContains: "PAIE", Sort: service.SortName}.Normalized()
		page, err := s.ListKeys(ctx, f)
		if err != nil {
			t.Fatalf("ListKeys: %v", err)
		}
		var names []string
		for _, k := range page.Keys {
			names = append(names, k.Name)
		}
		return names
	}
	if got := strings.Join(list(), ", "); got != "Girafe de la paie, Paie production" {
		t.Fatalf("keys whose name holds PAIE: %s", got)
	}

	// What the server's warning asks a database administrator to run.
	if _, err := admin.ExecContext(ctx, sqlstore.NameIndexSQL); err != nil {
		t.Fatalf("the statements of the warning: %v", err)
	}
	if again := open(t, dbURL); again.NameIndexMissing() {
		t.Fatal("NameIndexMissing = true after the statements of the warning ran")
	}
	if got := strings.Join(list(), ", "); got != "Girafe de la paie, Paie production" {
		t.Fatalf("with the index, keys whose name holds PAIE: %s", got)
	}
}

// TestOpenHasNameIndex: a role that owns its database creates the trigram indexes.
func TestOpenHasNameIndex(t *testing.T) {
	if s := open(t, pgtest.FreshDatabase(t)); s.NameIndexMissing() {
		t.Fatal("NameIndexMissing = true on a database its role owns")
	}
}

// TestConformanceWithoutNameIndex runs the store suite's name criteria where the
// role could not create the trigram indexes.
func TestConformanceWithoutNameIndex(t *testing.T) {
	storetest.RunNameCriteria(t, func(t *testing.T) store.Store {
		dbURL, _ := pgtest.LimitedDatabase(t)
		s := open(t, dbURL)
		if !s.NameIndexMissing() {
			t.Fatal("NameIndexMissing = false for a role that may not create pg_trgm")
		}
		return s
	})
}
