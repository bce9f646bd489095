package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestStartServer runs the real sesame-server as -server does: it starts on a seeded
// SQLite file, answers the gateway's sub-request for the seeded key with 204 on its
// Unix socket, and leaves nothing behind.
func TestStartServer(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "sesame-server")
	build := exec.Command("go", "build", "-o", bin, "../sesame-server")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	sp, err := startServer(context.Background(), bin)
	if err != nil {
		t.Fatal(err)
	}
	sub := []byte("GET /v1/gateway HTTP/1.1\r\nHost: sesame\r\nx-apikey: " + sp.apikey + "\r\nX-Sesame-Service: loop-apikey\r\n\r\n")
	r, err := load("gateway", "unix:"+sp.unixPath, sub, 204, 2, 5*time.Second, 20)
	if err != nil || r.errors != 0 || r.requests != 20 {
		t.Fatalf("sub-requests on the server's socket: %+v %v", r, err)
	}
	dir := filepath.Dir(sp.unixPath)
	sp.stop()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the server's folder is still there after stop: %v", err)
	}
}
