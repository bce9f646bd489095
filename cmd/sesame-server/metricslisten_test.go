package main_test

import (
	"crypto/rand"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sesame/service/masterkey"
)

// metricsRE finds the metrics listener's address in serve's "listening" line.
var metricsRE = regexp.MustCompile(` metrics=(\S+)`)

// TestMetricsOnTheirOwnListener checks that /metrics is not served to whoever
// reaches the public listener: by default nowhere, with --metrics-listen on that
// address only, and on the public listener only when the operator names it there.
func TestMetricsOnTheirOwnListener(t *testing.T) {
	dir := t.TempDir()
	db, mk := initDB(t, filepath.Join(dir, "sesame.db")), filepath.Join(dir, "master.key")
	if _, err := masterkey.Create(mk); err != nil {
		t.Fatal(err)
	}
	sesame(t, "", "tiers", "add", "--db", db, "--code", "95963", "--name", "FUTUROSCOPE CEDEX")
	sesame(t, "Pass phrase "+rand.Text()+"\n", "admin", "add", "--db", db, "--login", "vd", "--name", "DELHUMEAU Vincent", "--tiers", "95963")
	get := func(url string) (int, string) {
		t.Helper()
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}

	// A malformed address is refused before anything starts.
	if r := sesame(t, "", "serve", "--db", db, "--master-key-file", mk, "--metrics-listen", "9090"); r.code != 2 || !strings.Contains(r.stderr, "--metrics-listen") {
		t.Errorf("serve --metrics-listen 9090: exit %d, %q; want 2 naming the option", r.code, r.stderr)
	}

	// By default: no metrics anywhere, the public listener answers 404.
	cmd, base, rest := startServe(t, "serve", "--db", db, "--master-key-file", mk, "--listen", "127.0.0.1:0")
	if status, _ := get(base + "/metrics"); status != http.StatusNotFound {
		t.Errorf("public /metrics without --metrics-listen: %d, want 404", status)
	}
	stopServe(t, cmd, rest)

	// --metrics-listen: the metrics there, still 404 on the public listener.
	cmd, line, rest := startServeLine(t, "serve", "--db", db, "--master-key-file", mk, "--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0")
	base = listeningRE.FindStringSubmatch(line)[2]
	m := metricsRE.FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("the listening line does not name the metrics listener: %s", line)
	}
	if status, _ := get(base + "/healthz"); status != http.StatusOK {
		t.Errorf("public /healthz: %d, want 200", status)
	}
	if status, _ := get(base + "/metrics"); status != http.StatusNotFound {
		t.Errorf("public /metrics with --metrics-listen elsewhere: %d, want 404", status)
	}
	status, body := get("http://" + m[1] + "/metrics")
	if status != http.StatusOK || !strings.Contains(body, `sesame_http_request_duration_seconds_count{route="GET /healthz"} 1`) {
		t.Errorf("metrics listener: %d, want 200 with the public /healthz counted:\n%s", status, body)
	}
	if status, _ := get("http://" + m[1] + "/healthz"); status != http.StatusNotFound {
		t.Errorf("the metrics listener serves more than /metrics: /healthz %d", status)
	}
	stopServe(t, cmd, rest)

	// The operator points the metrics at the public listener: served there.
	addr := freeLoopback(t)
	cmd, base, rest = startServe(t, "serve", "--db", db, "--master-key-file", mk, "--listen", addr, "--metrics-listen", addr)
	if status, body := get(base + "/metrics"); status != http.StatusOK || !strings.Contains(body, "sesame_") {
		t.Errorf("public /metrics with --metrics-listen = --listen: %d, want 200", status)
	}
	if status, _ := get(base + "/healthz"); status != http.StatusOK {
		t.Errorf("public /healthz: %d, want 200", status)
	}
	stopServe(t, cmd, rest)
}

// freeLoopback returns a loopback address that was free a moment ago.
func freeLoopback(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}
