package main_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to create throw-away databases

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/local"
	"sesame/service/masterkey"
	"sesame/service/msg"
	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
	"sesame/service/store/sqlite"
)

// binary is the sesame-server built once for all tests, without cgo, as released.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "sesame-server-test")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "sesame-server")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		panic("go build: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one run of the binary did.
type result struct {
	code           int
	stdout, stderr string
}

// sesame runs the binary with stdin and returns its exit code and output.
func sesame(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	return r
}

// oneLineError checks a failure: non-zero exit, nothing on stdout, one line on stderr
// naming the command.
func oneLineError(t *testing.T, r result, want int, contains string) {
	t.Helper()
	if r.code != want || r.stdout != "" || strings.Count(r.stderr, "\n") != 1 ||
		!strings.HasPrefix(r.stderr, "sesame-server") || !strings.Contains(r.stderr, contains) {
		t.Errorf("exit %d (want %d), stdout %q, stderr %q (want one line with %q)", r.code, want, r.stdout, r.stderr, contains)
	}
}

func TestHelpAndBadCommandLines(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"serve", "--help"}, {"tiers", "add", "--help"}, {"admin", "add", "--help"}, {"admin", "remove", "--help"}, {"admin", "sessions", "revoke", "--help"}, {"catalogue", "import", "--help"}, {"tls", "fingerprint", "--help"}, {"audit", "export", "--help"}, {"audit", "verify", "--help"}, {"audit", "seal", "--help"}} {
		r := sesame(t, "", args...)
		if r.code != 0 || !strings.Contains(r.stdout, "sesame-server") || r.stderr != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, r.code, r.stdout, r.stderr)
		}
		if len(args) > 1 && args[0] != "tls" && !strings.Contains(r.stdout, "-db") {
			t.Errorf("%v: the options are not listed: %s", args, r.stdout)
		}
	}
	oneLineError(t, sesame(t, "", "tiers", "add", "--bogus"), 2, "option inconnue : -bogus")
	oneLineError(t, sesame(t, "", "tiers", "add", "--code", "1", "--name", "X"), 2, "--db est obligatoire")
	oneLineError(t, sesame(t, "", "frobnicate"), 2, "commande inconnue")
	oneLineError(t, sesame(t, "", "admin", "add", "--db", "x.db", "--login", "a", "--name", "A", "--tiers", "1", "s3cret-in-argv"), 2, "jamais en argument")
	oneLineError(t, sesame(t, "", "serve", "--db", "x.db", "--listen", "0.0.0.0:0"), 2, "HTTP en clair")
	oneLineError(t, sesame(t, "", "serve", "--db", "x.db", "--tls-cert", "c.pem"), 2, "--tls-cert et --tls-key")
	oneLineError(t, sesame(t, "", "serve", "--db", "x.db", "--access-token-ttl", "0s"), 2, "durées non valides")
	oneLineError(t, sesame(t, "", "serve", "--db", "x.db", "--key-token-ttl", "2h"), 2, "durées non valides")
	oneLineError(t, sesame(t, "", "serve", "--db", "x.db", "--access-token-ttl", "dix"), 2, "valeur non valide")
	oneLineError(t, sesame(t, "", "serve", "--db", "x.db", "--trusted-proxy", "proxy.example"), 2, "mandataire non valide")
	oneLineError(t, sesame(t, "", "serve", "--db", "x.db", "--max-connections", "0"), 2, "--max-connections")
	if r := sesame(t, ""); r.code != 2 || !strings.Contains(r.stderr, "Utilisation") {
		t.Errorf("no arguments: %+v", r)
	}
}

// admin commands on both databases.
func TestAdministrationCommands(t *testing.T) {
	for name, dsn := range map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "sesame.db") },
		"postgres": func(t *testing.T) string { return pgtest.FreshDatabase(t) },
	} {
		t.Run(name, func(t *testing.T) {
			db := initDB(t, dsn(t))
			if r := sesame(t, "", "tiers", "add", "--db", db, "--code", "95963", "--name", "FUTUROSCOPE CEDEX"); r.code != 0 || !strings.Contains(r.stdout, "95963 FUTUROSCOPE CEDEX") {
				t.Fatalf("tiers add: %+v", r)
			}
			if r := sesame(t, "", "tiers", "add", "--db", db, "--code", "95964", "--name", "CHASSENEUIL", "--attached-to", "95963"); r.code != 0 {
				t.Fatalf("tiers add attached: %+v", r)
			}
			oneLineError(t, sesame(t, "", "tiers", "add", "--db", db, "--code", "95963", "--name", "AUTRE"), 1, msg.T(service.MsgTiersExists, nil))
			oneLineError(t, sesame(t, "", "tiers", "add", "--db", db, "--code", "9-5", "--name", "X"), 1, msg.T(service.MsgTiersCodeFormat, nil))
			oneLineError(t, sesame(t, "", "tiers", "add", "--db", db, "--code", "95965", "--name", "X", "--attached-to", "99999"), 1, "le tiers 99999, auquel 95965 serait rattaché, n'existe pas")

			password := "Pass phrase " + rand.Text()
			if r := sesame(t, password+"\n", "admin", "add", "--db", db, "--login", "vdelhumeau", "--name", "DELHUMEAU Vincent", "--tiers", "95963"); r.code != 0 {
				t.Fatalf("admin add: %+v", r)
			}
			oneLineError(t, sesame(t, "short\n", "admin", "add", "--db", db, "--login", "other", "--name", "X", "--tiers", "95963"), 1, "de 12 à 1024 caractères")
			oneLineError(t, sesame(t, password+"\n", "admin", "add", "--db", db, "--login", "vdelhumeau", "--name", "X", "--tiers", "95963"), 1, "existe déjà")
			oneLineError(t, sesame(t, password+"\n", "admin", "add", "--db", db, "--login", "x", "--name", "X", "--tiers", "404"), 1, "n'existe pas")
			// Attached tiers keep letters and digits.
			if r := sesame(t, "", "tiers", "add", "--db", db, "--code", "DUP01", "--name", "SARL DUPONT", "--attached-to", "95963"); r.code != 0 {
				t.Fatalf("tiers add DUP01: %+v", r)
			}
			if r := sesame(t, password+"\n", "admin", "add", "--db", db, "--login", "sam", "--name", "SAM", "--tiers", "95963,DUP01"); r.code != 0 {
				t.Fatalf("admin add --tiers 95963,DUP01: %+v", r)
			}
			// A firm stored before SIC codes were digits only keeps its administrators:
			// IT adds one, or resets a password with --replace (a review found admin add
			// refusing them).
			if r := sesame(t, "", "tiers", "add", "--db", db, "--code", "CAB01", "--name", "CABINET ANCIEN"); r.code != 0 {
				t.Fatalf("tiers add CAB01: %+v", r)
			}
			for _, replace := range []string{"", "--replace"} {
				args := []string{"admin", "add", "--db", db, "--login", "ancien", "--name", "ANCIEN", "--tiers", "CAB01"}
				if replace != "" {
					args = append(args, replace)
				}
				if r := sesame(t, password+"\n", args...); r.code != 0 {
					t.Fatalf("admin add --tiers CAB01 %s: %+v", replace, r)
				}
			}

			cat := filepath.Join(t.TempDir(), "catalogue.json")
			os.WriteFile(cat, []byte(`{"categories":["Paie"],"services":[{"id":"dsn","name":"DSN","category":"Paie","description":"d","acceptsKeys":true}]}`), 0o600)
			if r := sesame(t, "", "catalogue", "import", "--db", db, cat); r.code != 0 || !strings.Contains(r.stdout, "1 services") {
				t.Fatalf("catalogue import: %+v", r)
			}
			os.WriteFile(cat, []byte(`{"categories":[],"services":[{"id":"x"}]}`), 0o600)
			oneLineError(t, sesame(t, "", "catalogue", "import", cat, "--db", db), 1, "catalogue non valide")

			// What the commands stored, read back through the store.
			st, err := openDB(t, db)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			p, err := local.New(st, "vdelhumeau").Profile(context.Background())
			if err != nil || p.AdminName != "DELHUMEAU Vincent" || p.SICCode != "95963" || len(p.Tiers) != 3 {
				t.Fatalf("profile: %+v %v", p, err)
			}
			a, _ := st.Admin(context.Background(), "vdelhumeau")
			if ok, err := httpserver.VerifyPassword(password, a.PasswordHash); !ok || err != nil || !strings.HasPrefix(a.PasswordHash, "$argon2id$") {
				t.Fatalf("stored password hash does not verify: %v %v", ok, err)
			}
			if c, _ := st.Catalogue(context.Background()); len(c.Entries) != 1 || c.Entries[0].ID != "dsn" {
				t.Fatalf("catalogue: %+v", c)
			}
		})
	}
}

func openDB(t *testing.T, dsn string) (httpserver.Store, error) {
	if strings.HasPrefix(dsn, "postgres://") {
		return postgres.Open(context.Background(), dsn)
	}
	return sqlite.Open(context.Background(), dsn)
}

// serve starts, answers, verifies a key, and on SIGTERM finishes and writes the key's
// last use before exiting 0.
func TestServeAndGracefulShutdown(t *testing.T) {
	db := initDB(t, filepath.Join(t.TempDir(), "sesame.db"))
	sesame(t, "", "tiers", "add", "--db", db, "--code", "95963", "--name", "FUTUROSCOPE CEDEX")
	sesame(t, "Pass phrase "+rand.Text()+"\n", "admin", "add", "--db", db, "--login", "vd", "--name", "DELHUMEAU Vincent", "--tiers", "95963")
	cmd, base, rest := startServe(t, "serve", "--db", db, "--listen", "127.0.0.1:0")

	// serve migrated the new file and seeded the default catalogue; a key generated
	// now (as the desktop would through the API) is verified by the running server.
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if c, err := st.Catalogue(context.Background()); err != nil || len(c.Entries) == 0 {
		t.Fatalf("catalogue not seeded by serve: %+v %v", c, err)
	}
	g, err := local.New(st, "vd").Generate(context.Background(), service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Passerelle"})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}

	resp, err := http.Get(base + "/.well-known/oauth-authorization-server")
	if err != nil {
		t.Fatal(err)
	}
	var meta struct{ Issuer string }
	json.NewDecoder(resp.Body).Decode(&meta)
	resp.Body.Close()
	if meta.Issuer != base {
		t.Fatalf("issuer %q, want %q", meta.Issuer, base)
	}
	req, _ := http.NewRequest("POST", base+"/v1/verify", nil)
	req.Header.Set("x-apikey", g.Credentials.Identifier+":"+g.Credentials.Secret)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"active":true`) {
		t.Fatalf("verify: %d %s", resp.StatusCode, body)
	}

	if tail := stopServe(t, cmd, rest); !strings.Contains(tail, "msg=stopped") || strings.Contains(tail, g.Credentials.Secret) {
		t.Fatalf("shutdown log:\n%s", tail)
	}
	// The last use, buffered in memory, was written at shutdown.
	st, err = sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	k, err := st.KeyByID(context.Background(), g.Key.ID)
	if err != nil || k.LastUsedAt.IsZero() {
		t.Fatalf("last use not written at shutdown: %+v %v", k.LastUsedAt, err)
	}
}

// firmDB initialises dsn with the firm 95963 and its administrator vdelhumeau, as an
// operator would with the commands, and returns it.
func firmDB(t *testing.T, dsn string) string {
	t.Helper()
	db := initDB(t, dsn)
	if r := sesame(t, "", "tiers", "add", "--db", db, "--code", "95963", "--name", "FUTUROSCOPE CEDEX"); r.code != 0 {
		t.Fatalf("tiers add: %+v", r)
	}
	if r := sesame(t, "Pass phrase "+strings.Repeat("x", 8)+"\n", "admin", "add", "--db", db, "--login", "vdelhumeau", "--name", "DELHUMEAU Vincent", "--tiers", "95963"); r.code != 0 {
		t.Fatalf("admin add: %+v", r)
	}
	return db
}

// initDB creates the database at dsn with sesame-server init, as an operator does
// first, and returns dsn.
func initDB(t *testing.T, dsn string) string {
	t.Helper()
	if r := sesame(t, "", "init", "--db", dsn); r.code != 0 || r.stderr != "" {
		t.Fatalf("init: %+v", r)
	}
	return dsn
}

// startServe runs the binary's serve, waits for its "listening" line, and returns
// the command, its base URL and a channel that gets the rest of its log when it exits.
func startServe(t *testing.T, args ...string) (*exec.Cmd, string, chan string) {
	t.Helper()
	cmd, line, rest := startServeLine(t, args...)
	return cmd, listeningRE.FindStringSubmatch(line)[2], rest
}

// stopServe sends SIGTERM to serve, waits for it to exit cleanly (30 s at most) and
// returns its whole log.
func stopServe(t *testing.T, cmd *exec.Cmd, rest chan string) string {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// The whole log first: Wait closes the pipe, and lines not yet read when it does
	// would be lost (os/exec: Wait must follow the reads).
	var tail string
	select {
	case tail = <-rest:
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop within 30 s of SIGTERM")
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("serve exited with %v after SIGTERM; log:\n%s", err, tail)
	}
	return tail
}

// listeningRE finds the line serve logs once it listens.
var listeningRE = regexp.MustCompile(`msg=listening addr=(\S+) issuer=(\S+)`)

// startServeLine starts serve and returns its "listening" log line, and a channel
// that gets its whole log when it exits.
func startServeLine(t *testing.T, args ...string) (*exec.Cmd, string, chan string) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	if !slices.Contains(args, "--master-key-file") {
		// A master key of the test's own, named by the environment variable.
		path := filepath.Join(t.TempDir(), "master.key")
		if _, err := masterkey.Create(path); err != nil {
			t.Fatal(err)
		}
		cmd.Env = append(os.Environ(), masterkey.EnvFile+"="+path)
	}
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	lines := bufio.NewScanner(stderr)
	line := ""
	var logs strings.Builder
	for line == "" && lines.Scan() {
		logs.WriteString(lines.Text() + "\n")
		if listeningRE.MatchString(lines.Text()) {
			line = lines.Text()
		}
	}
	if line == "" {
		t.Fatalf("serve never listened:\n%s", logs.String())
	}
	rest := make(chan string, 1)
	go func() {
		var b strings.Builder
		b.WriteString(logs.String()) // what came before, warnings at start included
		for lines.Scan() {
			b.WriteString(lines.Text() + "\n")
		}
		rest <- b.String()
	}()
	return cmd, line, rest
}
