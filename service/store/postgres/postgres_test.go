package postgres_test

import (
	"database/sql"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/msg"
	"sesame/service/store"
	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
	"sesame/service/store/sqlstore"
	"sesame/service/store/storetest"
)

// TestConformance runs the store suite, each subtest on a database of its own.
func TestConformance(t *testing.T) {
	pgtest.ServerURL(t)
	storetest.Run(t, func(t *testing.T) store.Store {
		return open(t, pgtest.FreshDatabase(t))
	})
}

// TestOpenRefusesNewerSchema: a database migrated by a newer Sésame is refused with
// ENEWER and left as it is.
func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := t.Context()
	dbURL := pgtest.FreshDatabase(t)
	s := open(t, dbURL)
	if err := s.AddTiers(ctx, service.Tiers{Code: "95963", Name: "FUTUROSCOPE CEDEX"}); err != nil {
		t.Fatalf("AddTiers: %v", err)
	}
	if _, err := s.DB().ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (99999, 0)`); err != nil {
		t.Fatalf("pretend a newer migration: %v", err)
	}
	_, err := postgres.Open(ctx, dbURL)
	if service.ErrorCode(err) != service.ENEWER {
		t.Fatalf("Open of a newer schema: %v; want ENEWER", err)
	}
	if tiers, err := s.Tiers(ctx); err != nil || len(tiers) != 1 {
		t.Fatalf("after the refusal, Tiers = %v, %v; want the stored tiers", tiers, err)
	}
}

// TestOpenRefusesPreRelease: a database migrated by a pre-release of Sésame (whose
// schema versions goose kept) is refused with its own sentence and left as it is.
func TestOpenRefusesPreRelease(t *testing.T) {
	ctx := t.Context()
	dbURL := pgtest.FreshDatabase(t)
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, stmt := range []string{
		`CREATE TABLE goose_db_version (id SERIAL PRIMARY KEY, version_id BIGINT NOT NULL, is_applied BOOLEAN NOT NULL, tstamp TIMESTAMP DEFAULT now())`,
		`INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), (50, true)`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	_, err = postgres.Open(ctx, dbURL)
	if service.ErrorCode(err) != service.ECORRUPT || service.ErrorMessage(err) != sqlstore.MsgPreRelease {
		t.Fatalf("Open of a pre-release schema: %v; want ECORRUPT with the pre-release sentence", err)
	}
	var tables int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()`).Scan(&tables); err != nil || tables != 1 {
		t.Fatalf("after the refusal: %d tables (%v), want goose_db_version alone", tables, err)
	}
}

// TestOpenRefusesPreReleaseVersion: a database migrated by a pre-release that kept
// its schema versions in schema_migrations (1 to 16, squashed since into the
// baseline) is refused with the pre-release sentence and left as it is.
func TestOpenRefusesPreReleaseVersion(t *testing.T) {
	ctx := t.Context()
	dbURL := pgtest.FreshDatabase(t)
	s := open(t, dbURL)
	if err := s.AddTiers(ctx, service.Tiers{Code: "95963", Name: "FUTUROSCOPE CEDEX"}); err != nil {
		t.Fatalf("AddTiers: %v", err)
	}
	for _, stmt := range []string{
		`DELETE FROM schema_migrations`,
		`INSERT INTO schema_migrations (version, applied_at) SELECT n, 0 FROM generate_series(1, 16) AS n`,
	} {
		if _, err := s.DB().ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	_, err := postgres.Open(ctx, dbURL)
	if service.ErrorCode(err) != service.ECORRUPT || service.ErrorMessage(err) != sqlstore.MsgPreRelease {
		t.Fatalf("Open of a schema at version 16: %v; want ECORRUPT with the pre-release sentence", err)
	}
	var versions, latest int
	if err := s.DB().QueryRowContext(ctx, `SELECT count(*), max(version) FROM schema_migrations`).Scan(&versions, &latest); err != nil ||
		versions != 16 || latest != 16 {
		t.Fatalf("after the refusal: %d versions up to %d (%v), want the 16 recorded", versions, latest, err)
	}
	if tiers, err := s.Tiers(ctx); err != nil || len(tiers) != 1 {
		t.Fatalf("after the refusal, Tiers = %v, %v; want the stored tiers", tiers, err)
	}
}

// TestOpenReplicasTogether: server replicas starting at the same time on an empty
// database all open it, and the schema is migrated once.
func TestOpenReplicasTogether(t *testing.T) {
	dbURL := pgtest.FreshDatabase(t)
	const replicas = 4
	errs := make(chan error, replicas)
	stores := make(chan *postgres.Store, replicas)
	for range replicas {
		go func() {
			s, err := postgres.Open(t.Context(), dbURL)
			errs <- err
			stores <- s
		}()
	}
	for range replicas {
		if err := <-errs; err != nil {
			t.Errorf("Open by a replica: %v", err)
		}
		if s := <-stores; s != nil {
			t.Cleanup(func() { _ = s.Close() })
		}
	}
	s := open(t, dbURL)
	var applied int
	if err := s.DB().QueryRowContext(t.Context(), `SELECT COUNT(*) FROM schema_migrations WHERE version = $1`, sqlstore.LatestVersion()).Scan(&applied); err != nil || applied != 1 {
		t.Fatalf("the last migration recorded %d times (%v), want once", applied, err)
	}
}

// TestOpenUnreachable: a server that does not answer is EUNAVAILABLE, quickly, and the
// error does not repeat the password.
func TestOpenUnreachable(t *testing.T) {
	const password = "Mot-de-passe-qui-ne-doit-pas-fuir"
	l, err := closedPort()
	if err != nil {
		t.Fatalf("find a closed port: %v", err)
	}
	start := time.Now()
	_, err = postgres.Open(t.Context(), "postgres://sesame:"+password+"@"+l+"/sesame?sslmode=disable&connect_timeout=5")
	if service.ErrorCode(err) != service.EUNAVAILABLE {
		t.Fatalf("Open of a closed port: %v; want EUNAVAILABLE", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("Open of a closed port took %v", d)
	}
	checkNoPassword(t, err, password)
}

// TestOpenBadURL: a URL that cannot be parsed is EINVALID and not repeated.
func TestOpenBadURL(t *testing.T) {
	const password = "Autre-mot-de-passe-secret"
	_, err := postgres.Open(t.Context(), "postgres://sesame:"+password+"@localhost:port-invalide/sesame")
	if service.ErrorCode(err) != service.EINVALID {
		t.Fatalf("Open of a bad URL: %v; want EINVALID", err)
	}
	checkNoPassword(t, err, password)
}

func checkNoPassword(t *testing.T, err error, password string) {
	t.Helper()
	for _, text := range []string{err.Error(), service.ErrorText(err, msg.French), service.ErrorText(err, msg.English)} {
		if strings.Contains(text, password) {
			t.Fatal("the error repeats the database password")
		}
	}
}

// TestReadOnlyDatabase: writes to a read-only database are EREADONLY; reads go on.
func TestReadOnlyDatabase(t *testing.T) {
	ctx := t.Context()
	dbURL := pgtest.FreshDatabase(t)
	s := open(t, dbURL)
	if err := s.AddTiers(ctx, service.Tiers{Code: "95963", Name: "FUTUROSCOPE CEDEX"}); err != nil {
		t.Fatalf("AddTiers: %v", err)
	}
	name := dbName(t, dbURL)
	if _, err := s.DB().ExecContext(ctx, `ALTER DATABASE `+name+` SET default_transaction_read_only = on`); err != nil {
		t.Fatalf("make the database read-only: %v", err)
	}
	ro := open(t, dbURL) // new sessions read the setting
	if tiers, err := ro.Tiers(ctx); err != nil || len(tiers) != 1 {
		t.Fatalf("Tiers on a read-only database = %v, %v", tiers, err)
	}
	err := ro.AddTiers(ctx, service.Tiers{Code: "10042", Name: "SARL", AttachedTo: "95963"})
	if service.ErrorCode(err) != service.EREADONLY {
		t.Fatalf("AddTiers on a read-only database: %v; want EREADONLY", err)
	}
}
