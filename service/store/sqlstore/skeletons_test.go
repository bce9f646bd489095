package sqlstore_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"sesame/service"
	"sesame/service/store"
	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
	"sesame/service/store/sqlite"
	"sesame/service/store/sqlstore"
)

// Keys stored before names were compared by their skeleton (migration 00036) get one;
// active look-alikes accepted back then all keep working, and no new key can take
// their look.
func TestSkeletonBackfill(t *testing.T) {
	ctx := context.Background()
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "old.db")
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		fillOldSchema(t, db, sqlite.Dialect())
		st, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatalf("Open migrates the old database: %v", err)
		}
		defer st.Close()
		checkBackfill(t, st)
	})
	t.Run("postgres", func(t *testing.T) {
		url := pgtest.FreshDatabase(t)
		db, err := sql.Open("pgx", url)
		if err != nil {
			t.Fatal(err)
		}
		fillOldSchema(t, db, postgres.Dialect())
		st, err := postgres.Open(ctx, url)
		if err != nil {
			t.Fatalf("Open migrates the old database: %v", err)
		}
		defer st.Close()
		checkBackfill(t, st)
	})
}

// The keys of the old schema: two active look-alikes and a revoked third.
var oldKeys = []struct{ id, name, status string }{
	{"AAAA-AAAA-AAAA-AAA1", "felix", "active"},
	{"AAAA-AAAA-AAAA-AAA2", "Felix", "active"},
	{"AAAA-AAAA-AAAA-AAA3", "FELIX", "revoked"},
	{"AAAA-AAAA-AAAA-AAA4", "Café", "active"},
}

// fillOldSchema migrates db to the last version before 00035 and stores keys there
// as that version did, then closes it.
func fillOldSchema(t *testing.T, db *sql.DB, d sqlstore.Dialect) {
	t.Helper()
	ctx := context.Background()
	defer db.Close()
	p, err := goose.NewProvider(d.Goose, db, d.Migrations, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 34); err != nil {
		t.Fatalf("migrate to 34: %v", err)
	}
	q := func(s string) string {
		if d.Numbered {
			for i := 1; ; i++ {
				j := indexByte(s, '?')
				if j < 0 {
					return s
				}
				s = s[:j] + "$" + string(rune('0'+i)) + s[j+1:]
			}
		}
		return s
	}
	mustExec(t, db, `INSERT INTO tiers (code, name) VALUES ('95963', 'Cabinet')`)
	mustExec(t, db, `INSERT INTO services (id, position, name, category, description, accepts_keys)
		VALUES ('loop-apikey', 1, 'Loop APIkey', 'Services en ligne', '', 1)`)
	for i, k := range oldKeys {
		mustExec(t, db, q(`INSERT INTO api_keys (id, tiers_code, service_id, name, name_folded, secret_digest,
			secret_hint, created_at, created_by, status) VALUES (?, '95963', 'loop-apikey', ?, ?, ?, 'ssk_x…', ?, 'Vincent', ?)`),
			k.id, k.name, service.FoldName(k.name), []byte{byte(i)}, int64(1_700_000_000_000_000+i), k.status)
	}
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

func mustExec(t *testing.T, db *sql.DB, query string, args ...any) {
	t.Helper()
	if _, err := db.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func checkBackfill(t *testing.T, st store.Store) {
	t.Helper()
	ctx := context.Background()
	for _, k := range oldKeys {
		got, err := st.KeyByID(ctx, k.id)
		if err != nil || got.Name != k.name || string(got.Status) != k.status {
			t.Fatalf("KeyByID(%s) = %+v, %v; want %q %s as before", k.id, got.Key, err, k.name, k.status)
		}
	}
	at := time.UnixMicro(1_800_000_000_000_000)
	for _, name := range []string{"FELIX", "Fеlix", "Ｃafé", "Cafe\u0301"} {
		creds, _ := service.NewCredentials()
		k := store.KeyRecord{Key: service.Key{ID: creds.Identifier, Tiers: "95963", Service: "loop-apikey",
			Name: name, CreatedAt: at, CreatedBy: "Vincent", Status: service.StatusActive}, Digest: service.SecretDigest(creds.Secret)}
		ev := service.AuditEvent{At: at, Actor: "Vincent", Login: "v", Action: service.AuditGenerate,
			KeyID: k.ID, KeyName: name, Tiers: "95963", Service: "loop-apikey"}
		if err := st.InsertKey(ctx, k, ev); service.ErrorCode(err) != service.ECONFLICT {
			t.Errorf("InsertKey(%q) beside the old keys: %v, want a conflict", name, err)
		}
	}
}
