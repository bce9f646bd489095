// Package smoke checks the real thing end to end: the Sésame binary, built as a user
// would get it, starts on an empty HOME and shows its window. It needs an X display,
// which `make test` provides through scripts/with-test-services.
package smoke

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// windowTitle matches the title of Sésame's windows (xdotool takes an extended
// regular expression); the accent is optional so that a plain-ASCII title passes.
const windowTitle = "S(é|e)same"

// windowTimeout is how long a first window may take to appear, build excluded.
const windowTimeout = 60 * time.Second

// stayUp is how long the app must keep running once its window is shown.
const stayUp = 3 * time.Second

func TestAppShowsWindowOnFirstStart(t *testing.T) {
	display := os.Getenv("DISPLAY")
	if display == "" {
		t.Fatal("DISPLAY is empty: this test needs an X display. Run it through `make test`, " +
			"or `scripts/with-test-services go test ./test/smoke`, which start Xvfb.")
	}
	xdotool, err := exec.LookPath("xdotool")
	if err != nil {
		t.Fatal("xdotool is missing (scripts/deps test installs it):", err)
	}

	bin := buildApp(t)

	// An empty HOME and XDG folders: the app must start as on first use, and must not
	// read or write the profile of whoever runs the test.
	// The XDG folders exist, empty, as in a real account (Fyne does not create
	// ~/.cache itself).
	home := t.TempDir()
	env := withoutVars(os.Environ(), "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
		"XDG_CACHE_HOME", "XDG_STATE_HOME")
	env = append(env, "HOME="+home)
	for name, dir := range map[string]string{
		"XDG_CONFIG_HOME": ".config",
		"XDG_DATA_HOME":   ".local/share",
		"XDG_CACHE_HOME":  ".cache",
		"XDG_STATE_HOME":  ".local/state",
	} {
		path := filepath.Join(home, dir)
		if err := os.MkdirAll(path, 0o700); err != nil {
			t.Fatal(err)
		}
		env = append(env, name+"="+path)
	}
	cmd := exec.Command(bin)
	cmd.Dir = home
	cmd.Env = env
	var stdout, stderr lockedBuffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal("starting the app:", err)
	}
	// exited is closed when the process has ended; waitErr is then its status.
	exited := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
	})

	// xdotool --sync polls until a visible (mapped) window of this process has the
	// title; it runs in the background so that an early exit of the app fails at once.
	ctx, cancel := context.WithTimeout(context.Background(), windowTimeout)
	defer cancel()
	search := exec.CommandContext(ctx, xdotool, "search", "--sync", "--onlyvisible",
		"--pid", strconv.Itoa(cmd.Process.Pid), "--name", windowTitle)
	found := make(chan []byte, 1)
	go func() {
		out, _ := search.Output()
		found <- out
	}()

	start := time.Now()
	select {
	case <-exited:
		cancel()
		<-found
		t.Fatalf("the app exited before showing a window (%v)\nstderr:\n%s", waitErr, stderr.String())
	case out := <-found:
		if len(bytes.TrimSpace(out)) == 0 {
			t.Fatalf("no visible window titled %q within %v on DISPLAY=%s\nwindows on the display: %s\nstderr:\n%s",
				windowTitle, windowTimeout, display, listWindows(xdotool), stderr.String())
		}
		t.Logf("window %s shown %v after start", strings.Fields(string(out))[0], time.Since(start).Round(time.Millisecond))
	}

	select {
	case <-exited:
		t.Fatalf("the app exited less than %v after showing its window (%v)\nstderr:\n%s", stayUp, waitErr, stderr.String())
	case <-time.After(stayUp):
	}
	if s := stderr.String(); regexp.MustCompile(`(?i)panic`).MatchString(s) {
		t.Fatalf("the app wrote a panic to stderr:\n%s", s)
	}
	if s := stderr.String(); s != "" {
		t.Logf("stderr (no panic):\n%s", s)
	}
}

// buildApp builds the module's main package, as `go build` in a clone would.
func buildApp(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	gomod := strings.TrimSpace(string(out))
	if err != nil || gomod == "" || gomod == os.DevNull {
		t.Fatalf("cannot find the module root (go env GOMOD: %q, %v)", gomod, err)
	}
	bin := filepath.Join(t.TempDir(), "sesame")
	build := exec.Command("go", "build", "-o", bin, "sesame")
	build.Dir = filepath.Dir(gomod)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build -o %s sesame: %v\n%s", bin, err, out)
	}
	return bin
}

// listWindows names the visible windows on the display, to explain a failed search.
func listWindows(xdotool string) string {
	out, err := exec.Command(xdotool, "search", "--onlyvisible", "--name", ".*").Output()
	if err != nil && len(out) == 0 {
		return "none"
	}
	var names []string
	for _, id := range strings.Fields(string(out)) {
		name, _ := exec.Command(xdotool, "getwindowname", id).Output()
		names = append(names, id+" "+strings.TrimSpace(string(name)))
	}
	return strings.Join(names, "; ")
}

// withoutVars returns env minus the named variables.
func withoutVars(env []string, names ...string) []string {
	var kept []string
next:
	for _, kv := range env {
		for _, n := range names {
			if strings.HasPrefix(kv, n+"=") {
				continue next
			}
		}
		kept = append(kept, kv)
	}
	return kept
}

// lockedBuffer is a bytes.Buffer safe for the process's writes and the test's reads.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
