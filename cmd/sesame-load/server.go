package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"sesame/service/store/sqlite"
)

// serverProcess is a sesame-server serve of its own, as a firm runs it beside nginx.
type serverProcess struct {
	addr, unixPath string
	apikey         string // "identifier:secret" of the key seeded in its database
	pid            int
	stop           func()
}

// startServer runs bin (a sesame-server binary) with a new master key, on a SQLite
// file seeded as setUp seeds its own, listening on a free loopback port and on a Unix
// socket that nginx's workers may join (they run as another user than the bench).
func startServer(ctx context.Context, bin string) (*serverProcess, error) {
	dir, err := os.MkdirTemp("", "sesame-load-server")
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*serverProcess, error) {
		os.RemoveAll(dir)
		return nil, err
	}
	db, key, sock := filepath.Join(dir, "sesame.db"), filepath.Join(dir, "master.key"), filepath.Join(dir, "sesame.sock")
	if out, err := exec.Command(bin, "master-key", "init", "--file", key).CombinedOutput(); err != nil {
		return fail(fmt.Errorf("%s master-key init: %v: %s", bin, err, out))
	}
	// As a firm deploys it: init creates the database, serve only opens one.
	if out, err := exec.Command(bin, "init", "--db", db).CombinedOutput(); err != nil {
		return fail(fmt.Errorf("%s init: %v: %s", bin, err, out))
	}
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		return fail(err)
	}
	creds, err := seed(ctx, st)
	st.Close()
	if err != nil {
		return fail(err)
	}
	addr := freeAddr()
	cmd := exec.Command(bin, "serve", "--db", db, "--master-key-file", key, "--listen", addr, "--listen-unix", sock, "--drain-delay", "0s")
	logf, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		return fail(err)
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return fail(err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	stop := func() {
		stopProcess(cmd, exited, syscall.SIGTERM, 30*time.Second)
		logf.Close()
		os.RemoveAll(dir)
	}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		select {
		case <-exited: // it stopped before serving: its log says why
			deadline = time.Time{}
			continue
		default:
		}
		if c, err := net.Dial("unix", sock); err == nil {
			c.Close()
			// The socket is the server's user's and group's (0660); the bench's nginx
			// workers are neither.
			if err := os.Chmod(dir, 0o755); err == nil {
				err = os.Chmod(sock, 0o666)
			}
			if err != nil {
				stop()
				return nil, err
			}
			return &serverProcess{addr: addr, unixPath: sock, apikey: creds.Identifier + ":" + creds.Secret, pid: cmd.Process.Pid, stop: stop}, nil
		}
	}
	log, _ := os.ReadFile(filepath.Join(dir, "server.log"))
	stop()
	return nil, fmt.Errorf("sesame-server did not start: %s", log)
}
