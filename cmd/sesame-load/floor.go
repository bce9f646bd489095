package main

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"sesame/service/httpserver"
)

// fixed204 is the floor of any sub-request through net/http: Sésame's http.Server
// settings (httpserver.NewHTTPServer) and a handler that answers 204 without
// looking at anything.
func fixed204() *http.Server {
	return httpserver.NewHTTPServer("", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}), slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// listenWorld listens on a Unix socket at path that nginx's workers, another user
// than the bench's, may join.
func listenWorld(path string) (net.Listener, error) {
	ln, err := net.Listen("unix", path)
	if err == nil {
		err = os.Chmod(path, 0o666)
	}
	return ln, err
}

// serveFloor serves fixed204 on a Unix socket at path until SIGTERM: sesame-load
// -serve-floor, the floor as a process of its own beside a sesame-server of its
// own (-server), so that both pay the same for being apart from the bench.
func serveFloor(path string) error {
	ln, err := listenWorld(path)
	if err != nil {
		return err
	}
	hs := fixed204()
	term := make(chan os.Signal, 1)
	signal.Notify(term, syscall.SIGTERM, syscall.SIGINT)
	go func() { <-term; _ = hs.Close() }()
	if err := hs.Serve(ln); err != http.ErrServerClosed {
		return err
	}
	return nil
}

// startFloor runs this very program with -serve-floor on a socket in a new folder,
// and returns it once the socket answers.
func startFloor() (*serverProcess, error) {
	dir, err := os.MkdirTemp("", "sesame-load-floor")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	sock := filepath.Join(dir, "floor.sock")
	self, err := os.Executable()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	cmd := exec.Command(self, "-serve-floor", sock)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	stop := func() {
		stopProcess(cmd, exited, syscall.SIGTERM, 10*time.Second)
		os.RemoveAll(dir)
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("unix", sock); err == nil {
			c.Close()
			return &serverProcess{unixPath: sock, pid: cmd.Process.Pid, stop: stop}, nil
		}
	}
	stop()
	return nil, fmt.Errorf("the fixed 204 process did not start")
}
