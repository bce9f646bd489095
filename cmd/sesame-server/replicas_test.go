package main_test

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"sesame/assets"
	"sesame/service"
	"sesame/service/local"
	"sesame/service/masterkey"
	"sesame/service/store"
	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
)

// replica is one sesame-server serve process.
type replica struct {
	cmd  *exec.Cmd
	base string
	log  strings.Builder
	rest chan string
}

func status(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

func TestThreeReplicasStartTogetherOnAnEmptyPostgres(t *testing.T) {
	dsn := initDB(t, pgtest.FreshDatabase(t))
	// All three are started before any is waited for: they race to migrate.
	var rs []*replica
	var pipes []io.Reader
	keyFile := filepath.Join(t.TempDir(), "master.key") // one file, given to every replica
	if _, err := masterkey.Create(keyFile); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		r := &replica{rest: make(chan string, 1)}
		r.cmd = exec.Command(binary, "serve", "--db", dsn, "--listen", "127.0.0.1:0", "--drain-delay", "2s", "--master-key-file", keyFile)
		stderr, _ := r.cmd.StderrPipe()
		if err := r.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = r.cmd.Process.Kill() })
		rs, pipes = append(rs, r), append(pipes, stderr)
	}
	listening := regexp.MustCompile(`msg=listening addr=\S+ issuer=(\S+)`)
	for i, r := range rs {
		lines := bufio.NewScanner(pipes[i])
		for r.base == "" && lines.Scan() {
			r.log.WriteString(lines.Text() + "\n")
			if m := listening.FindStringSubmatch(lines.Text()); m != nil {
				r.base = m[1]
			}
		}
		if r.base == "" {
			t.Fatalf("replica %d never listened:\n%s", i, r.log.String())
		}
		go func() {
			var b strings.Builder
			for lines.Scan() {
				b.WriteString(lines.Text() + "\n")
			}
			r.rest <- b.String()
		}()
	}

	// Each migration was applied once, and the catalogue seeded once.
	ctx := context.Background()
	st, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var rows, versions int
	if err := st.DB().QueryRowContext(ctx, `SELECT count(*), count(DISTINCT version) FROM schema_migrations`).Scan(&rows, &versions); err != nil {
		t.Fatal(err)
	}
	if rows != versions || versions < 1 {
		t.Fatalf("schema_migrations: %d rows for %d versions, want each migration once", rows, versions)
	}
	if pending, err := st.MigrationsPending(ctx); err != nil || pending {
		t.Fatalf("migrations pending: %v %v", pending, err)
	}
	def, _ := assets.DefaultCatalogue()
	if c, err := st.Catalogue(ctx); err != nil || len(c.Entries) != len(def.Entries) {
		t.Fatalf("catalogue: %d entries (%v), want %d", len(c.Entries), err, len(def.Entries))
	}

	// All three serve: ready, and each verifies a key made on the shared database.
	if err := st.AddTiers(ctx, service.Tiers{Code: "95963", Name: "FUTUROSCOPE CEDEX"}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutAdmin(ctx, store.Admin{Login: "vd", Name: "DELHUMEAU Vincent", SICCode: "95963", Tiers: []string{"95963"}}); err != nil {
		t.Fatal(err)
	}
	g, err := local.New(st, "vd").Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Passerelle"})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rs {
		if s := status(t, r.base+"/readyz"); s != http.StatusOK {
			t.Fatalf("replica %d: /readyz %d", i, s)
		}
		req, _ := http.NewRequest("GET", r.base+"/v1/gateway/loop-apikey", nil)
		req.Header.Set("x-apikey", g.Credentials.Identifier+":"+g.Credentials.Secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNoContent {
			t.Fatalf("replica %d: gateway %d", i, resp.StatusCode)
		}
	}

	// SIGTERM: /readyz fails first while the replica still serves, then it stops;
	// the others stay ready.
	one := rs[0]
	if err := one.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for status(t, one.base+"/readyz") != http.StatusServiceUnavailable {
		if time.Now().After(deadline) {
			t.Fatal("/readyz did not fail after SIGTERM")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if s := status(t, one.base+"/healthz"); s != http.StatusOK {
		t.Fatalf("a draining replica stopped serving at once: /healthz %d", s)
	}
	// The whole log before Wait, which closes the pipe: the last lines ("stopped")
	// were lost when the reader lagged behind the exit on a busy machine.
	tail := <-one.rest
	if err := one.cmd.Wait(); err != nil {
		t.Fatalf("replica 0 after SIGTERM: %v\n%s", err, tail)
	}
	if !strings.Contains(tail, "msg=draining") || !strings.Contains(tail, "msg=stopped") {
		t.Fatalf("replica 0's shutdown log:\n%s", tail)
	}
	for i, r := range rs[1:] {
		if s := status(t, r.base+"/readyz"); s != http.StatusOK {
			t.Fatalf("replica %d after another stopped: /readyz %d", i+1, s)
		}
	}
}
