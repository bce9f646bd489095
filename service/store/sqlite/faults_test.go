package sqlite

// Faults of the database file as a user meets them: read-only, locked by another
// process, corrupt, written by a newer Sésame, disk full. Each must give its error kind
// (so the user reads a clear sentence) and leave the file as it was.

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
	"sesame/service/store/sqlstore"
)

// TestMain lets the test binary act as "another process" for the fault tests.
func TestMain(m *testing.M) {
	switch os.Getenv("SESAME_SQLITE_HELPER") {
	case "lock":
		holdLock(os.Getenv("SESAME_SQLITE_PATH"))
		return
	case "write":
		tryWrite(os.Getenv("SESAME_SQLITE_PATH"))
		return
	}
	os.Exit(m.Run())
}

// holdLock takes the write lock of the file like another program would, says
// "locked" and keeps it until its standard input closes.
func holdLock(path string) {
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(100)")
	if err == nil {
		db.SetMaxOpenConns(1)
		_, err = db.Exec(`BEGIN EXCLUSIVE; INSERT INTO categories (position, name) VALUES (99, 'verrou');`)
	}
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("locked")
	_, _ = io.Copy(io.Discard, os.Stdin)
}

// tryWrite opens the store and tries to add a tiers, printing the error code.
func tryWrite(path string) {
	ctx := context.Background()
	st, err := Open(ctx, path)
	if err == nil {
		err = st.AddTiers(ctx, service.Tiers{Code: "77777", Name: "ECRITURE"})
		_ = st.Close()
	}
	fmt.Println("code:", service.ErrorCode(err))
}

// newFile creates a store file with one tiers and closes it.
func newFile(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "sesame.db")
	st, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if err := st.AddTiers(context.Background(), service.Tiers{Code: "95963", Name: "FUTUROSCOPE CEDEX"}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func fileDigest(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestOpenRefusesCorruptFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sesame.db")
	garbage := []byte(strings.Repeat("ceci n'est pas une base SQLite ", 200))
	if err := os.WriteFile(path, garbage, 0o600); err != nil {
		t.Fatal(err)
	}
	before := fileDigest(t, path)
	_, err := Open(context.Background(), path)
	if service.ErrorCode(err) != service.ECORRUPT || service.ErrorMessage(err) != service.MsgStoreCorrupt {
		t.Fatalf("Open(garbage) = %v, want ECORRUPT", err)
	}
	if fileDigest(t, path) != before {
		t.Fatal("opening a corrupt file changed it")
	}
}

func TestDamagedPagesAreReportedCorrupt(t *testing.T) {
	path := newFile(t, t.TempDir())
	// Overwrite every page but the first (the header) with noise.
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := f.Stat()
	noise := []byte(strings.Repeat("\xde\xad\xbe\xef", 1024))
	for off := int64(4096); off < info.Size(); off += int64(len(noise)) {
		if _, err := f.WriteAt(noise, off); err != nil {
			t.Fatal(err)
		}
	}
	_ = f.Close()
	st, err := Open(context.Background(), path)
	if err == nil {
		_, err = st.Tiers(context.Background())
		_ = st.Close()
	}
	if service.ErrorCode(err) != service.ECORRUPT {
		t.Fatalf("damaged file: err = %v, want ECORRUPT", err)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := newFile(t, t.TempDir())
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (9999, 0)`); err != nil {
		t.Fatal(err)
	}
	_ = db.Close()
	before := fileDigest(t, path)
	_, err = Open(context.Background(), path)
	if service.ErrorCode(err) != service.ENEWER || service.ErrorMessage(err) != service.MsgStoreNewer {
		t.Fatalf("Open(newer) = %v, want ENEWER", err)
	}
	if !strings.Contains(err.Error(), "schema version 9999") {
		t.Fatalf("Open(newer) = %v: the cause does not name the file's schema version", err)
	}
	if fileDigest(t, path) != before {
		t.Fatal("refusing a newer file changed it")
	}
}

// A file written by a pre-release of Sésame (whose schema versions goose kept) is
// refused with its own sentence, and left as it was.
func TestOpenRefusesPreReleaseFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sesame.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		`PRAGMA journal_mode = WAL`, // as Sésame wrote it
		`CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT NULL, is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')))`,
		`INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, 1), (1, 1), (50, 1)`,
		`CREATE TABLE tiers (code TEXT PRIMARY KEY, name TEXT NOT NULL, attached_to TEXT)`,
		`INSERT INTO tiers (code, name) VALUES ('95963', 'FUTUROSCOPE CEDEX')`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	_ = db.Close()
	before := fileDigest(t, path)
	_, err = Open(context.Background(), path)
	if service.ErrorCode(err) != service.ECORRUPT || service.ErrorMessage(err) != sqlstore.MsgPreRelease {
		t.Fatalf("Open(pre-release) = %v, want ECORRUPT with the pre-release sentence", err)
	}
	if fileDigest(t, path) != before {
		t.Fatal("refusing a pre-release file changed it")
	}
}

// A file written by a pre-release that kept its schema versions in schema_migrations
// (versions 1 to 16, squashed since into the baseline) is refused with the
// pre-release sentence, and left as it was; so is its import.
func TestOpenRefusesPreReleaseVersion(t *testing.T) {
	for _, v := range []int{1, 2, 16} {
		t.Run(fmt.Sprint(v), func(t *testing.T) {
			path := newFile(t, t.TempDir())
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(`DELETE FROM schema_migrations`); err != nil {
				t.Fatal(err)
			}
			for n := 1; n <= v; n++ {
				if _, err := db.Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)`, n); err != nil {
					t.Fatal(err)
				}
			}
			_ = db.Close()
			before := fileDigest(t, path)
			_, err = Open(context.Background(), path)
			if service.ErrorCode(err) != service.ECORRUPT || service.ErrorMessage(err) != sqlstore.MsgPreRelease {
				t.Fatalf("Open(schema version %d) = %v, want ECORRUPT with the pre-release sentence", v, err)
			}
			copies := t.TempDir()
			if src, err := OpenImportSource(context.Background(), path, copies); service.ErrorCode(err) != service.ECORRUPT ||
				service.ErrorMessage(err) != sqlstore.MsgPreRelease {
				if src != nil {
					_ = src.Close()
				}
				t.Fatalf("OpenImportSource(schema version %d) = %v, want ECORRUPT with the pre-release sentence", v, err)
			}
			if fileDigest(t, path) != before {
				t.Fatal("refusing a pre-release file changed it")
			}
			if es, _ := os.ReadDir(copies); len(es) != 0 {
				t.Fatalf("copies left behind: %v", es)
			}
		})
	}
}

func TestLockedByAnotherProcess(t *testing.T) {
	path := newFile(t, t.TempDir())
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "SESAME_SQLITE_HELPER=lock", "SESAME_SQLITE_PATH="+path)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if strings.TrimSpace(line) != "locked" {
		t.Fatalf("the locking process said %q", line)
	}

	ctx := context.Background()
	st, err := Open(ctx, path)
	if err == nil {
		start := time.Now()
		err = st.AddTiers(ctx, service.Tiers{Code: "11111", Name: "BLOQUE"})
		if waited := time.Since(start); waited > 2*busyTimeoutMS*time.Millisecond {
			t.Errorf("the user waited %v for a locked file", waited)
		}
		defer st.Close()
	}
	if service.ErrorCode(err) != service.ELOCKED || service.ErrorMessage(err) != service.MsgStoreLocked {
		t.Fatalf("write while locked: err = %v, want ELOCKED", err)
	}

	// Once the other process lets go, the same store works and nothing was half-written.
	_ = stdin.Close()
	_ = cmd.Wait()
	if st == nil {
		if st, err = Open(ctx, path); err != nil {
			t.Fatal(err)
		}
		defer st.Close()
	}
	if err := st.AddTiers(ctx, service.Tiers{Code: "11111", Name: "LIBRE"}); err != nil {
		t.Fatalf("after the lock is released: %v", err)
	}
	tiers, _ := st.Tiers(ctx)
	if len(tiers) != 2 || tiers[0].Name != "LIBRE" {
		t.Fatalf("tiers after the lock = %+v", tiers)
	}
}

func TestReadOnlyFile(t *testing.T) {
	dir, err := os.MkdirTemp("", "sesame-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	path := newFile(t, dir)
	before := fileDigest(t, path)
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}

	var code string
	if os.Geteuid() != 0 {
		ctx := context.Background()
		st, err := Open(ctx, path)
		if err == nil {
			err = st.AddTiers(ctx, service.Tiers{Code: "77777", Name: "ECRITURE"})
			_ = st.Close()
		}
		code = service.ErrorCode(err)
	} else {
		// Root writes through any permission: run the attempt as "nobody", who, like
		// any user facing a read-only file, cannot write it or its folder.
		code = writeAsNobody(t, dir, path)
	}
	if code != service.EREADONLY {
		t.Fatalf("write to a read-only file: code %q, want %q", code, service.EREADONLY)
	}
	if fileDigest(t, path) != before {
		t.Fatal("the read-only file changed")
	}
}

func writeAsNobody(t *testing.T, dir, path string) string {
	t.Helper()
	exe, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "helper.test")
	if err := os.WriteFile(bin, exe, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil { // readable by nobody, writable by root only
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^$")
	cmd.Env = []string{"SESAME_SQLITE_HELPER=write", "SESAME_SQLITE_PATH=" + path, "HOME=" + dir}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("helper as nobody: %v: %s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if c, ok := strings.CutPrefix(line, "code: "); ok {
			return c
		}
	}
	t.Fatalf("helper said %q", out)
	return ""
}

func TestDiskFull(t *testing.T) {
	ctx := context.Background()
	path := newFile(t, t.TempDir())
	// A page budget is how SQLite itself reports a full disk (SQLITE_FULL); filling a
	// real partition needs a mount this test cannot make.
	st, err := open(ctx, path, "max_page_count(40)")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.PutCatalogue(ctx, service.Catalogue{Categories: []string{"C"},
		Entries: []service.CatalogueEntry{{ID: "s", Name: "S", Category: "C", AcceptsKeys: true}}}); err != nil {
		t.Fatal(err)
	}
	var full error
	inserted := 0
	for i := 0; i < 5000 && full == nil; i++ {
		k := store.KeyRecord{Key: service.Key{ID: fmt.Sprintf("K%05d", i), Tiers: "95963", Service: "s",
			Name: fmt.Sprintf("clé %d %s", i, strings.Repeat("x", 80)), CreatedAt: time.Now(), CreatedBy: "A",
			Status: service.StatusActive, SecretHint: "ssk_abcd…"}, Digest: make([]byte, 32)}
		full = st.InsertKey(ctx, k, service.AuditEvent{At: time.Now(), Action: service.AuditGenerate, KeyID: k.ID, Tiers: "95963", Service: "s"})
		if full == nil {
			inserted++
		}
	}
	if service.ErrorCode(full) != service.EFULL || service.ErrorMessage(full) != service.MsgStoreFull {
		t.Fatalf("after %d keys: err = %v, want EFULL", inserted, full)
	}
	var keys, events int
	_ = st.DB().QueryRow(`SELECT COUNT(*) FROM api_keys`).Scan(&keys)
	_ = st.DB().QueryRow(`SELECT COUNT(*) FROM audit_events`).Scan(&events)
	if keys != inserted || events != inserted {
		t.Fatalf("the failed write left %d keys and %d audit events for %d successful inserts", keys, events, inserted)
	}
}
