package main_test

import (
	"context"
	"crypto/rand"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/local"
	"sesame/service/store/sqlite"
)

// TestServeGatewayOnUnixSocket runs the binary with --listen-unix, as a gateway on
// the same host reaches it (nginx: upstream { server unix:…; }): /v1/gateway answers
// over the socket exactly as over TCP (204 with the key's identity, 403, 401), the
// socket is for the server's user and group only, a use through it is recorded as
// from 127.0.0.1, and the socket is gone once the server stopped.
func TestServeGatewayOnUnixSocket(t *testing.T) {
	dir := t.TempDir()
	db, sock := initDB(t, filepath.Join(dir, "sesame.db")), filepath.Join(dir, "run", "sesame.sock")
	if err := os.Mkdir(filepath.Dir(sock), 0o750); err != nil {
		t.Fatal(err)
	}
	sesame(t, "", "tiers", "add", "--db", db, "--code", "95963", "--name", "FUTUROSCOPE CEDEX")
	sesame(t, "Pass phrase "+rand.Text()+"\n", "admin", "add", "--db", db, "--login", "vd", "--name", "DELHUMEAU Vincent", "--tiers", "95963")
	// A socket left behind by a server that was killed does not stop the next one.
	stale, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	stale.(*net.UnixListener).SetUnlinkOnClose(false)
	stale.Close()

	cmd, addr, rest := startServe(t, "serve", "--db", db, "--listen", "127.0.0.1:0", "--listen-unix", sock)
	fi, err := os.Stat(sock)
	if err != nil || fi.Mode()&os.ModeSocket == 0 || fi.Mode().Perm() != 0o660 {
		t.Fatalf("socket %s: %v %v, want a socket with mode 0660", sock, fi.Mode(), err)
	}
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	g, err := local.New(st, "vd").Generate(context.Background(), service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Passerelle"})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", sock)
	}}}
	apikey := g.Credentials.Identifier + ":" + g.Credentials.Secret
	for _, tc := range []struct {
		service, apikey string
		want            int
	}{
		{"loop-apikey", apikey, http.StatusNoContent},
		{"depot-documents", apikey, http.StatusForbidden},
		{"loop-apikey", g.Credentials.Identifier + ":wrong", http.StatusUnauthorized},
		{"loop-apikey", "", http.StatusUnauthorized},
	} {
		req, _ := http.NewRequest("GET", "http://sesame/v1/gateway", nil)
		req.Header.Set("X-Sesame-Service", tc.service)
		req.Header.Set("X-Original-URI", "/api/clients/42")
		if tc.apikey != "" {
			req.Header.Set("x-apikey", tc.apikey)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("%s, key %v: %d, want %d", tc.service, tc.apikey == apikey, resp.StatusCode, tc.want)
		}
		if tc.want == http.StatusNoContent && (resp.Header.Get("X-Sesame-Key") != g.Key.ID || resp.Header.Get("X-Sesame-Service") != "loop-apikey") {
			t.Errorf("204 without the key's identity: %v", resp.Header)
		}
	}
	// The plain-HTTP TCP listener answers them too (a gateway on another host, behind
	// a TLS proxy's hop).
	req, _ := http.NewRequest("GET", addr+"/v1/gateway", nil)
	req.Header.Set("X-Sesame-Service", "loop-apikey")
	req.Header.Set("x-apikey", apikey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get("X-Sesame-Key") != g.Key.ID {
		t.Errorf("gateway over TCP: %d %v, want 204 with the key's identity", resp.StatusCode, resp.Header)
	}
	if tail := stopServe(t, cmd, rest); strings.Contains(tail, g.Credentials.Secret) {
		t.Fatalf("the secret reached the log:\n%s", tail)
	}
	if _, err := os.Lstat(sock); !os.IsNotExist(err) {
		t.Errorf("socket still there after the server stopped: %v", err)
	}
	st, err = sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	k, err := st.KeyByID(context.Background(), g.Key.ID)
	if err != nil || k.LastUsedAt.IsZero() || k.LastUsedFrom != "127.0.0.1" {
		t.Fatalf("last use through the socket: %v from %q (%v), want from 127.0.0.1", k.LastUsedAt, k.LastUsedFrom, err)
	}
}

// TestListenUnixRefusesAnotherFile checks that --listen-unix never removes a file
// that is not a socket: serve stops with one line saying so.
func TestListenUnixRefusesAnotherFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(path, []byte("à garder"), 0o600); err != nil {
		t.Fatal(err)
	}
	mk := filepath.Join(dir, "master.key")
	sesame(t, "", "master-key", "init", "--file", mk)
	oneLineError(t, sesame(t, "", "serve", "--db", filepath.Join(dir, "sesame.db"), "--listen", "127.0.0.1:0",
		"--master-key-file", mk, "--listen-unix", path), 1, "n'est pas une socket")
	if b, err := os.ReadFile(path); err != nil || string(b) != "à garder" {
		t.Errorf("the file was touched: %q %v", b, err)
	}
}
