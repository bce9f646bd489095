package wine

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// repoRoot is the module's root, two folders up from this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

var (
	buildOnce sync.Once
	buildErr  error
	buildOut  []byte
)

// builtExe packages dist/Sésame.exe with scripts/package windows (fyne package,
// mingw-w64), once per test run: minutes the first time, seconds from the Go cache.
func builtExe(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	buildOnce.Do(func() {
		cmd := exec.Command(filepath.Join(root, "scripts", "package"), "windows")
		cmd.Dir = root
		buildOut, buildErr = cmd.CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("scripts/package windows: %v\n%s", buildErr, buildOut)
	}
	exe := filepath.Join(root, "dist", "Sésame.exe")
	if _, err := os.Stat(exe); err != nil {
		t.Fatalf("no %s after scripts/package windows: %v", exe, err)
	}
	return exe
}

// startXvfb starts an X server of the test's own (so that no other test's window
// answers a title search) and returns its DISPLAY.
func startXvfb(t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatal("Xvfb:", err)
	}
	w.Close()
	t.Cleanup(func() { _ = x.Process.Kill(); _ = x.Wait() })
	num := make(chan string, 1)
	go func() {
		b := make([]byte, 16)
		n, _ := r.Read(b)
		num <- strings.TrimSpace(string(b[:n]))
	}()
	select {
	case n := <-num:
		if n == "" {
			t.Fatal("Xvfb did not start")
		}
		return ":" + n
	case <-time.After(30 * time.Second):
		t.Fatal("Xvfb did not give its display within 30 s")
	}
	return ""
}

var (
	shimOnce sync.Once
	shimErr  error
	shimOut  []byte
	shimDLL  string
)

// newPrefix makes a fresh Wine prefix in the test's temporary folder, with the
// ProcessPrng shim in its system32.
func newPrefix(t *testing.T) string {
	t.Helper()
	shimOnce.Do(func() {
		dir, err := os.MkdirTemp("", "sesame-wine-shim")
		if err != nil {
			shimErr = err
			return
		}
		shimDLL = filepath.Join(dir, "bcryptprimitives.dll")
		src := filepath.Join(repoRoot(t), "test", "wine", "shim", "processprng.c")
		shimOut, shimErr = exec.Command("x86_64-w64-mingw32-gcc", "-shared", "-O2", "-o", shimDLL, src, "-ladvapi32").CombinedOutput()
	})
	if shimErr != nil {
		t.Fatalf("building the ProcessPrng shim: %v\n%s", shimErr, shimOut)
	}
	prefix := filepath.Join(t.TempDir(), "prefix")
	boot := wineCommand(prefix, "", "wineboot", "--init")
	if out, err := wineOutput(boot, true); err != nil {
		t.Fatalf("wineboot: %v\n%s", err, out)
	}
	// wineboot leaves the prefix's wineserver and desktop running a few seconds,
	// started without a display: a program started meanwhile inherits that desktop
	// and GLFW fails to create its helper window. Let them end first.
	stopWine(prefix, nil)
	b, err := os.ReadFile(shimDLL)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(prefix, "drive_c", "windows", "system32", "bcryptprimitives.dll"), b, 0o644); err != nil {
		t.Fatal("installing the shim:", err)
	}
	t.Cleanup(func() { stopWine(prefix, nil) })
	return prefix
}

// wineCommand runs a Windows program in a prefix; display "" means no X display
// (console programs, wineboot). Wine's Mono and Gecko installers are turned off: no
// download can happen here, and nothing of ours needs them.
func wineCommand(prefix, display, program string, args ...string) *exec.Cmd {
	cmd := exec.Command("wine", append([]string{program}, args...)...)
	cmd.Env = append(os.Environ(), "WINEPREFIX="+prefix, "WINEDEBUG=-all",
		"WINEDLLOVERRIDES=mscoree,mshtml=", "DISPLAY="+display)
	// A wine that starts the prefix's wineserver hands it its output: the program ends
	// but the pipe stays open while the server lives, and reading to the end waited
	// for it (a run hung 10 min). Past this delay the pipes are closed (wineOutput).
	cmd.WaitDelay = 30 * time.Second
	return cmd
}

// wineOutput runs a wineCommand and returns its standard output, and its standard
// error too when combined. A program that succeeded while a Wine server it started
// still held its output open is a success: exec.ErrWaitDelay is returned only when
// nothing else failed, and the program's own output is whole by then.
func wineOutput(cmd *exec.Cmd, combined bool) ([]byte, error) {
	var out []byte
	var err error
	if combined {
		out, err = cmd.CombinedOutput()
	} else {
		out, err = cmd.Output()
	}
	if errors.Is(err, exec.ErrWaitDelay) {
		err = nil
	}
	return out, err
}

// stopWine ends the program, then every process of the prefix (wineserver -k).
func stopWine(prefix string, app *exec.Cmd) {
	if app != nil && app.Process != nil {
		_ = app.Process.Kill()
		_ = app.Wait()
	}
	for _, flag := range []string{"-k", "-w"} { // kill, then wait until it has ended
		cmd := exec.Command("wineserver", flag)
		cmd.Env = append(os.Environ(), "WINEPREFIX="+prefix)
		_ = cmd.Run()
	}
}

// driver runs the functions of scripts/xdrive.bash against the app, so that the
// positions and keys of each step live in one place for the Linux screenshots, the
// cold-start bench and this test.
type driver struct {
	t       *testing.T
	display string
	titles  flow
}

// run calls an xdrive function and returns what it printed (a window id, mostly);
// the test fails with its message if it fails.
func (d driver) run(fn string, args ...string) string {
	d.t.Helper()
	script := `source "$1"; shift
XD_TITLE_SETUP=$1 XD_TITLE_PROFILE=$2 XD_TITLE_CATALOGUE=$3 XD_TITLE_KEYS=$4; shift 4
"$@"`
	all := append([]string{"-c", script, "xdrive",
		filepath.Join(repoRoot(d.t), "scripts", "xdrive.bash"),
		d.titles.setup, d.titles.profile, d.titles.catalogue, d.titles.keys, fn}, args...)
	cmd := exec.Command("bash", all...)
	cmd.Env = append(os.Environ(), "DISPLAY="+d.display)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		shot := filepath.Join(os.TempDir(), "sesame-wine-"+fn+".png")
		_ = exec.Command("import", "-display", d.display, "-window", "root", shot).Run()
		d.t.Fatalf("%s %v: %v: %s (screen saved to %s)", fn, args, err, errb.String(), shot)
	}
	return strings.TrimSpace(out.String())
}

// copied presses keys in the app until the clipboard holds a value that passes ok,
// and returns it (at most five times, waiting up to 4 s after each); the value is
// never printed.
func (d driver) copied(what string, ok func(string) bool, keys ...string) string {
	d.t.Helper()
	var got string
	for range 5 {
		d.run("xd_key", keys...)
		if waitUntil(4*time.Second, func() bool {
			clip := exec.Command("xclip", "-o", "-selection", "clipboard", "-t", "UTF8_STRING")
			clip.Env = append(os.Environ(), "DISPLAY="+d.display)
			out, err := clip.Output()
			got = string(out)
			return err == nil && ok(got)
		}) {
			return got
		}
	}
	shot := filepath.Join(os.TempDir(), "sesame-wine-copy.png")
	_ = exec.Command("import", "-display", d.display, "-window", "root", shot).Run()
	d.t.Fatalf("after Copier, the clipboard does not hold the %s (%d characters there; screen saved to %s)", what, len(got), shot)
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }

var (
	formatsOnce sync.Once
	formatsErr  error
	formatsOut  []byte
	formatsExe  string
)

// clipboardMarks runs test/wine/clipformats in the prefix, beside the app, and fails
// unless the clipboard carries the marks that keep its value out of the clipboard
// history and the cloud clipboard, each a DWORD 0.
func clipboardMarks(t *testing.T, prefix, display string) {
	t.Helper()
	formatsOnce.Do(func() {
		dir, err := os.MkdirTemp("", "sesame-clipformats")
		if err != nil {
			formatsErr = err
			return
		}
		formatsExe = filepath.Join(dir, "clipformats.exe")
		build := exec.Command("go", "build", "-o", formatsExe, "sesame/test/wine/clipformats")
		build.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0")
		formatsOut, formatsErr = build.CombinedOutput()
	})
	if formatsErr != nil {
		t.Fatalf("building clipformats for Windows: %v\n%s", formatsErr, formatsOut)
	}
	out, err := wineOutput(wineCommand(prefix, display, formatsExe), false)
	if err != nil {
		t.Fatalf("clipformats under Wine: %v", err)
	}
	lines := strings.Fields(string(out))
	for _, mark := range []string{"ExcludeClipboardContentFromMonitorProcessing", "CanIncludeInClipboardHistory", "CanUploadToCloudClipboard"} {
		if !slices.Contains(lines, mark+"=00000000") {
			t.Errorf("after Copier, the clipboard lacks %s=0 (its formats: %v)", mark, lines)
		}
	}
}
