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
	// One more start if the X server refused the first one's connection: this
	// machine's Xvfb hangs up on a share of new connections (bench/coldstart explains
	// it), which says nothing of the app; any other early exit fails at once.
	app := startApp(t, bin, home, env)
	if app.waitWindow(t, xdotool, display) == refusedByX {
		t.Logf("the X server refused the app's connection; starting it again. stderr:\n%s", app.stderr.String())
		app = startApp(t, bin, home, env)
		if app.waitWindow(t, xdotool, display) == refusedByX {
			t.Fatalf("the X server refused the app's connection twice\nstderr:\n%s", app.stderr.String())
		}
	}
	select {
	case <-app.exited:
		t.Fatalf("the app exited less than %v after showing its window (%v)\nstderr:\n%s", stayUp, app.waitErr, app.stderr.String())
	case <-time.After(stayUp):
	}
	if s := app.stderr.String(); regexp.MustCompile(`(?i)panic`).MatchString(s) {
		t.Fatalf("the app wrote a panic to stderr:\n%s", s)
	}
	if s := app.stderr.String(); s != "" {
		t.Logf("stderr (no panic):\n%s", s)
	}
}

// app is one start of the binary.
type app struct {
	cmd     *exec.Cmd
	exited  chan struct{} // closed when the process has ended; waitErr is then its status
	waitErr error
	stderr  lockedBuffer
}

// startApp starts bin in home with env; the test's cleanup ends it.
func startApp(t *testing.T, bin, home string, env []string) *app {
	t.Helper()
	a := &app{cmd: exec.Command(bin), exited: make(chan struct{})}
	a.cmd.Dir = home
	a.cmd.Env = env
	var stdout lockedBuffer
	a.cmd.Stdout, a.cmd.Stderr = &stdout, &a.stderr
	if err := a.cmd.Start(); err != nil {
		t.Fatal("starting the app:", err)
	}
	go func() { a.waitErr = a.cmd.Wait(); close(a.exited) }()
	t.Cleanup(func() {
		_ = a.cmd.Process.Kill()
		<-a.exited
	})
	return a
}

// refusedByX is what waitWindow says when the app died because the X server refused
// its connection (GLFW then finds no platform).
const refusedByX = "refused by the X server"

// waitWindow waits until the app shows a visible window titled windowTitle, and
// fails the test if it exits first (unless the X server refused it) or shows none.
func (a *app) waitWindow(t *testing.T, xdotool, display string) string {
	t.Helper()
	// xdotool --sync polls until a visible (mapped) window of this process has the
	// title; it runs in the background so that an early exit of the app fails at once.
	ctx, cancel := context.WithTimeout(context.Background(), windowTimeout)
	defer cancel()
	search := exec.CommandContext(ctx, xdotool, "search", "--sync", "--onlyvisible",
		"--pid", strconv.Itoa(a.cmd.Process.Pid), "--name", windowTitle)
	found := make(chan []byte, 1)
	go func() {
		out, _ := search.Output()
		found <- out
	}()
	start := time.Now()
	select {
	case <-a.exited:
		cancel()
		<-found
		if s := a.stderr.String(); strings.Contains(s, "Failed to detect any supported platform") ||
			strings.Contains(s, "X11: Failed to open display") {
			return refusedByX
		}
		t.Fatalf("the app exited before showing a window (%v)\nstderr:\n%s", a.waitErr, a.stderr.String())
	case out := <-found:
		if len(bytes.TrimSpace(out)) == 0 {
			t.Fatalf("no visible window titled %q within %v on DISPLAY=%s\nwindows on the display: %s\nstderr:\n%s",
				windowTitle, windowTimeout, display, listWindows(xdotool), a.stderr.String())
		}
		t.Logf("window %s shown %v after start", strings.Fields(string(out))[0], time.Since(start).Round(time.Millisecond))
	}
	return "shown"
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
