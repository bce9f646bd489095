package wine

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Issue 21 item 10 under Wine: the real Sésame.exe, maximised by the system (as the
// title bar's button does) and closed with WM_CLOSE (its ×), opens maximised at the
// next start, and un-maximises to the size it had before; a size saved on a screen
// larger than this one opens shrunk inside the work area. The program that acts on
// the window and reads its state is test/wine/winstate; the arithmetic is gui's
// TestRestoredSizeFitsTheWorkArea and the tests beside it.
func TestWindowStateUnderWine(t *testing.T) {
	exe := builtExe(t)
	tool := winstateExe(t)
	display := startXvfb(t)
	prefix := newPrefix(t)
	ws := func(cmd string) windowLine { return runWinstate(t, prefix, display, tool, cmd) }

	app := startSesameWindow(t, prefix, display, exe)
	normal := ws("state")
	if max := ws("maximise"); !max.zoomed {
		t.Fatalf("Wine did not maximise Sésame's window on ShowWindow(SW_MAXIMIZE): %s", max.line)
	}
	ws("close")
	awaitQuit(t, prefix, app, "WM_CLOSE")

	app = startSesameWindow(t, prefix, display, exe)
	if got := ws("zoomed"); !got.zoomed {
		t.Errorf("Sésame was maximised when it closed, it opens not maximised: %s (preferences %s)", got.line, prefsText(t, prefix))
	}
	if got := ws("restore"); got.client != normal.client {
		t.Errorf("un-maximised, the window's content is %v px, want %v as before it was maximised: %s", got.client, normal.client, got.line)
	}
	ws("close")
	awaitQuit(t, prefix, app, "WM_CLOSE")

	// A size saved on a 2560×1440 screen, the app started on this one (Xvfb's 1280×800).
	setPrefs(t, prefix, map[string]any{"window.width": 2400.0, "window.height": 1300.0, "window.maximised": false})
	app = startSesameWindow(t, prefix, display, exe)
	if got := ws("inside"); !got.inside() || got.zoomed {
		t.Errorf("a size saved on a larger screen does not open inside the work area, not maximised: %s", got.line)
	}
	ws("close")
	awaitQuit(t, prefix, app, "WM_CLOSE")
}

// windowLine is what test/wine/winstate prints of Sésame's window, in pixels.
type windowLine struct {
	line         string
	zoomed       bool
	window, work [4]int
	client       [2]int
}

// inside says whether the window's frame lies inside its monitor's work area.
func (w windowLine) inside() bool {
	return w.window[0] >= w.work[0] && w.window[1] >= w.work[1] && w.window[2] <= w.work[2] && w.window[3] <= w.work[3]
}

func parseWindowLine(t *testing.T, line string) windowLine {
	t.Helper()
	w := windowLine{line: line}
	ints := func(s string, into []int) {
		parts := strings.Split(s, ",")
		if len(parts) != len(into) {
			t.Fatalf("winstate printed %q", line)
		}
		for i, p := range parts {
			n, err := strconv.Atoi(p)
			if err != nil {
				t.Fatalf("winstate printed %q", line)
			}
			into[i] = n
		}
	}
	for _, f := range strings.Fields(line) {
		k, v, _ := strings.Cut(f, "=")
		switch k {
		case "zoomed":
			w.zoomed = v == "1"
		case "window":
			ints(v, w.window[:])
		case "work":
			ints(v, w.work[:])
		case "client":
			ints(v, w.client[:])
		}
	}
	return w
}

var (
	winstateOnce sync.Once
	winstateErr  error
	winstateOut  []byte
	winstatePath string
)

// winstateExe builds test/wine/winstate for Windows, once per test run.
func winstateExe(t *testing.T) string {
	t.Helper()
	winstateOnce.Do(func() {
		dir, err := os.MkdirTemp("", "sesame-winstate")
		if err != nil {
			winstateErr = err
			return
		}
		winstatePath = filepath.Join(dir, "winstate.exe")
		build := exec.Command("go", "build", "-o", winstatePath, "sesame/test/wine/winstate")
		build.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0")
		winstateOut, winstateErr = build.CombinedOutput()
	})
	if winstateErr != nil {
		t.Fatalf("building winstate for Windows: %v\n%s", winstateErr, winstateOut)
	}
	return winstatePath
}

// runWinstate runs one command of test/wine/winstate beside the app and reads the
// state it prints (none for close). Its output goes to a file, not a pipe: a wine
// started while the prefix's wineserver was still starting leaves that server and its
// services holding the pipe, and reading it would never end.
func runWinstate(t *testing.T, prefix, display, tool, cmd string) windowLine {
	t.Helper()
	out, err := os.CreateTemp(t.TempDir(), "winstate-"+cmd)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	run := wineCommand(prefix, display, tool, cmd)
	run.Stdout, run.Stderr = out, out
	err = run.Run()
	b, _ := os.ReadFile(out.Name())
	if err != nil {
		t.Fatalf("winstate %s under Wine: %v: %s", cmd, err, b)
	}
	if cmd == "close" {
		return windowLine{}
	}
	return parseWindowLine(t, strings.TrimSpace(string(b)))
}

// startSesameWindow starts Sésame.exe in the prefix; the test's cleanup ends it if it is
// still running.
func startSesameWindow(t *testing.T, prefix, display, exe string) *exec.Cmd {
	t.Helper()
	app := wineCommand(prefix, display, exe)
	if err := app.Start(); err != nil {
		t.Fatal("wine:", err)
	}
	t.Cleanup(func() {
		if app.Process != nil {
			stopWine(prefix, app)
		}
	})
	return app
}

// awaitQuit waits for the app to end by itself after what was done to it (60 s at
// most), so that the next start reads the preferences it wrote; if it does not, the
// failure shows the end of the app's log (a shutdown that waits logs its goroutines).
func awaitQuit(t *testing.T, prefix string, app *exec.Cmd, after string) {
	t.Helper()
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	select {
	case <-exited:
		app.Process = nil // waited for: the cleanup must not wait again
	case <-time.After(60 * time.Second):
		logs, _ := filepath.Glob(filepath.Join(prefix, "drive_c", "users", "*", "AppData", "Roaming", "fyne", "fr.cabinet.sesame", "sesame.log"))
		var tail []byte
		if len(logs) == 1 {
			tail, _ = os.ReadFile(logs[0])
			tail = tail[max(0, len(tail)-8000):]
		}
		t.Fatalf("Sésame did not quit within 60 s of %s; the end of its log:\n%s", after, tail)
	}
}

// prefsFile is Fyne's preferences file for the app in the prefix's profile.
func prefsFile(t *testing.T, prefix string) string {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(prefix, "drive_c", "users", "*", "AppData", "Roaming", "fyne", "fr.cabinet.sesame", "preferences.json"))
	if len(matches) != 1 {
		t.Fatalf("no single preferences file under the prefix's AppData: %v", matches)
	}
	return matches[0]
}

// prefsText is the app's preferences file as it is now, for a failure's message.
func prefsText(t *testing.T, prefix string) string {
	t.Helper()
	b, _ := os.ReadFile(prefsFile(t, prefix))
	return string(b)
}

// setPrefs changes some of the app's preferences while it is not running.
func setPrefs(t *testing.T, prefix string, set map[string]any) {
	t.Helper()
	path := prefsFile(t, prefix)
	values := map[string]any{}
	if b, err := os.ReadFile(path); err == nil {
		if err := json.Unmarshal(b, &values); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	for k, v := range set {
		values[k] = v
	}
	b, err := json.Marshal(values)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
