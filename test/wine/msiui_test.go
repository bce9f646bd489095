package wine

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"sesame/assets"
	"sesame/installer"
)

// The prompt the MSI shows over a running Sésame (installer/ui/Control.idt).
const openPrompt = "Sésame est ouvert. Fermez-le, puis cliquez sur Réessayer."

// TestMSIAsksToCloseSesameUnderWine is issue 19's « an MSI install over a running
// Sésame », through the MSI's own dialogs as a user double-clicking it sees them:
// version 1 installed and running, version 2's installer asks to close Sésame;
// Annuler leaves version 1 as it was (files, shortcut, « Applications » entry);
// Réessayer with Sésame still open says so and installs nothing; with Sésame closed,
// Réessayer installs version 2, which the end dialog's « Démarrer Sésame maintenant »
// starts. In silence (/qn), that running Sésame makes Windows
// Installer refuse with 1603, the refusal (action SesameOpenError) in its log, and
// nothing changes.
// test/wine/msidialog reads and answers the dialogs.
func TestMSIAsksToCloseSesameUnderWine(t *testing.T) {
	exe := builtExe(t)
	root := repoRoot(t)
	msi := filepath.Join(root, "dist", "Sesame.msi")
	p, err := installer.LoadProduct(filepath.Join(root, "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	// Version 2's program differs from version 1's by bytes after the image (a PE
	// runs with them), so that the test can tell which one is installed.
	work := t.TempDir()
	newerExe := filepath.Join(work, "Sésame.exe")
	b, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(newerExe, append(b, "version 2"...), 0o755); err != nil {
		t.Fatal(err)
	}
	newer := p
	newer.Version = nextMinor(t, p.Version)
	newerMSI := filepath.Join(work, "Sesame-"+newer.Version+".msi")
	if err := installer.BuildMSI(newer, assets.Icon(), newerExe, newerMSI); err != nil {
		t.Fatal(err)
	}
	dialogs := msiDialogTool(t)

	display := startXvfb(t)
	prefix := newPrefix(t)
	profile := userProfile(t, prefix)
	installed := filepath.Join(profile, "AppData", "Local", "Programs", "Sésame", "Sésame.exe")
	shortcut := filepath.Join(profile, "AppData", "Roaming", "Microsoft", "Windows", "Start Menu", "Programs", "Sésame.lnk")

	msiexec(t, prefix, "/i", msi, "/qn")
	first := onlyEntry(t, prefix, p.Version, p.Publisher)
	target, err := lnkTarget(shortcut)
	if err != nil {
		t.Fatal(err)
	}
	app := startInstalled(t, prefix, display, target)
	// unchanged checks that version 1 is installed as it was; reading the registry
	// ends every Wine process of the prefix, Sésame too.
	unchanged := func(when string) {
		t.Helper()
		if code := onlyEntry(t, prefix, p.Version, p.Publisher); code != first {
			t.Errorf("%s: « Applications » lists %s, not version 1's %s", when, code, first)
		}
		sameFile(t, installed, exe)
		if got, err := lnkTarget(shortcut); err != nil || got != target {
			t.Errorf("%s: the Start-menu shortcut is %q (%v), want %q", when, got, err, target)
		}
	}

	// Annuler: nothing changes, the installer says so and ends as cancelled (1602).
	inst := startMsiexec(t, prefix, display, "/i", newerMSI)
	answer(t, prefix, display, dialogs, "Cliquez sur Installer pour continuer.", "Installer")
	answer(t, prefix, display, dialogs, openPrompt, "Annuler")
	answer(t, prefix, display, dialogs, "rien n'a été modifié", "Terminer")
	if code := inst.wait(t); code != 1602&0xff {
		t.Errorf("cancelled over a running Sésame, msiexec ended with %d, want 1602 (user cancelled; %d through Wine)", code, 1602&0xff)
	}
	unchanged("after Annuler") // reading the registry ends every Wine process
	app = startInstalled(t, prefix, display, target)

	// Réessayer while Sésame is still open: the prompt stays and says so.
	inst = startMsiexec(t, prefix, display, "/i", newerMSI)
	answer(t, prefix, display, dialogs, "Cliquez sur Installer pour continuer.", "Installer")
	answer(t, prefix, display, dialogs, openPrompt, "Réessayer")
	answer(t, prefix, display, dialogs, "Sésame est toujours ouvert.", "-")
	sameFile(t, installed, exe)
	app.alive(t)

	// Sésame closed, Réessayer: version 2 replaces version 1, and « Démarrer Sésame
	// maintenant », ticked, starts it.
	app.close(t)
	answer(t, prefix, display, dialogs, openPrompt, "Réessayer")
	answer(t, prefix, display, dialogs, "Sésame est installé", "Démarrer Sésame maintenant (start Sésame now)")
	answer(t, prefix, display, dialogs, "Sésame est installé", "Terminer")
	if code := inst.wait(t); code != 0 {
		t.Fatalf("with Sésame closed, msiexec ended with %d, want 0", code)
	}
	sameFile(t, installed, newerExe)
	// Started by Windows Installer, it speaks the language Wine gives msiexec.
	waitWindow(t, display, "^Sésame — (Profil du cabinet|Firm profile)$")

	// In silence, with that Sésame open: refused with 1603, nothing changes.
	logFile := filepath.Join(work, "remove.log")
	inst = startMsiexec(t, prefix, "", "/x", newerMSI, "/qn", "/l*v", winPath(logFile))
	if code := inst.wait(t); code != 1603&0xff {
		t.Errorf("a silent removal over a running Sésame ended with %d, want 1603 (%d through Wine)", code, 1603&0xff)
	}
	// Windows writes the action's sentence in the log; Wine writes the action's name.
	if !logHolds(t, logFile, "SesameOpenError") {
		t.Errorf("the log of the refused silent removal does not name the action SesameOpenError")
	}
	sameFile(t, installed, newerExe)
	if code := onlyEntry(t, prefix, newer.Version, p.Publisher); code == first {
		t.Errorf("version 2 kept version 1's product code %s", first)
	}
}

// waitWindow waits until a visible window's title matches the regular expression.
func waitWindow(t *testing.T, display, title string) {
	t.Helper()
	if !waitUntil(90*time.Second, func() bool {
		cmd := exec.Command("xdotool", "search", "--onlyvisible", "--name", title)
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		out, err := cmd.Output()
		return err == nil && len(bytes.TrimSpace(out)) > 0
	}) {
		shot := filepath.Join(os.TempDir(), "sesame-wine-msi-window.png")
		_ = exec.Command("import", "-display", display, "-window", "root", shot).Run()
		t.Fatalf("no window titled /%s/ within 90 s (screen saved to %s)", title, shot)
	}
}

var (
	dialogToolOnce sync.Once
	dialogToolErr  error
	dialogToolOut  []byte
	dialogToolExe  string
)

// msiDialogTool builds test/wine/msidialog for Windows, once per run.
func msiDialogTool(t *testing.T) string {
	t.Helper()
	dialogToolOnce.Do(func() {
		dir, err := os.MkdirTemp("", "sesame-msidialog")
		if err != nil {
			dialogToolErr = err
			return
		}
		dialogToolExe = filepath.Join(dir, "msidialog.exe")
		build := exec.Command("go", "build", "-o", dialogToolExe, "sesame/test/wine/msidialog")
		build.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0")
		dialogToolOut, dialogToolErr = build.CombinedOutput()
	})
	if dialogToolErr != nil {
		t.Fatalf("building msidialog for Windows: %v\n%s", dialogToolErr, dialogToolOut)
	}
	return dialogToolExe
}

// answer waits for the installer's dialog that shows text, checks that text is
// visible there, and presses button ("-": none). It returns the dialog's texts.
func answer(t *testing.T, prefix, display, tool, text, button string) string {
	t.Helper()
	cmd := wineCommand(prefix, display, tool, text, button)
	out := outputFile(t, cmd)
	err := cmd.Run()
	b, _ := os.ReadFile(out.Name())
	if err != nil {
		shot := filepath.Join(os.TempDir(), "sesame-wine-msi-dialog.png")
		_ = exec.Command("import", "-display", display, "-window", "root", shot).Run()
		t.Fatalf("the installer's dialog showing %q, button %q: %v\n%s(screen saved to %s)", text, button, err, b, shot)
	}
	return string(b)
}

// outputFile sends the command's output to a file rather than a pipe: a Wine process
// it starts (the wineserver, a custom action's host) may outlive it and would hold a
// pipe open, and exec's Wait with it.
func outputFile(t *testing.T, cmd *exec.Cmd) *os.File {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "wine-output")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	cmd.Stdout, cmd.Stderr = f, f
	return f
}

// running is a started msiexec or Sésame.
type running struct {
	cmd  *exec.Cmd
	out  *os.File
	done chan error
}

// startMsiexec starts Windows Installer without waiting for it; display "" for /qn.
func startMsiexec(t *testing.T, prefix, display, op, msi string, args ...string) *running {
	t.Helper()
	r := &running{cmd: wineCommand(prefix, display, "msiexec", append([]string{op, winPath(msi)}, args...)...), done: make(chan error, 1)}
	r.out = outputFile(t, r.cmd)
	if err := r.cmd.Start(); err != nil {
		t.Fatal("wine msiexec:", err)
	}
	go func() { r.done <- r.cmd.Wait() }()
	t.Cleanup(func() {
		if r.cmd.ProcessState == nil {
			_ = r.cmd.Process.Kill()
		}
	})
	return r
}

// wait returns msiexec's exit status as Wine passes it (the low 8 bits).
func (r *running) wait(t *testing.T) int {
	t.Helper()
	select {
	case err := <-r.done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		if err != nil {
			t.Fatalf("msiexec: %v\n%s", err, r.output())
		}
		return 0
	case <-time.After(3 * time.Minute):
		t.Fatalf("msiexec did not end within 3 minutes\n%s", r.output())
	}
	return -1
}

// output is what the process printed so far.
func (r *running) output() string {
	b, _ := os.ReadFile(r.out.Name())
	return string(b)
}

// startInstalled starts the installed Sésame and waits for its first window.
func startInstalled(t *testing.T, prefix, display, winExe string) *running {
	t.Helper()
	r := &running{cmd: wineCommand(prefix, display, winExe), done: make(chan error, 1)}
	r.cmd.Env = append(r.cmd.Env, "LANG=fr_FR.UTF-8", "LC_ALL=fr_FR.UTF-8")
	r.out = outputFile(t, r.cmd)
	if err := r.cmd.Start(); err != nil {
		t.Fatal("wine:", err)
	}
	go func() { r.done <- r.cmd.Wait() }()
	t.Cleanup(func() { r.close(t) })
	d := driver{t: t, display: display, titles: flows["français"]}
	d.run("xd_wait_title", itoa(r.cmd.Process.Pid), flows["français"].setup, "90")
	return r
}

// alive fails the test if the process has ended.
func (r *running) alive(t *testing.T) {
	t.Helper()
	select {
	case err := <-r.done:
		r.done <- err
		t.Fatalf("Sésame ended (%v):\n%s", err, r.output())
	default:
	}
}

// close ends the Sésame that startInstalled started, as a user closing it would see
// it end, and waits until it has.
func (r *running) close(t *testing.T) {
	t.Helper()
	if r.cmd.Process == nil || r.cmd.ProcessState != nil {
		return
	}
	_ = r.cmd.Process.Kill()
	select {
	case <-r.done:
	case <-time.After(30 * time.Second):
		t.Fatal("Sésame did not end within 30 s")
	}
}

// winPath is a host path as Windows sees it under Wine (/ is Z:).
func winPath(p string) string { return "Z:" + strings.ReplaceAll(p, "/", `\`) }

// logHolds reports whether Windows Installer's log (UTF-16 or 8-bit) holds s.
func logHolds(t *testing.T, path, s string) bool {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("Windows Installer's log: %v", err)
	}
	if len(b) >= 2 && b[0] == 0xff && b[1] == 0xfe {
		u := make([]rune, 0, len(b)/2)
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, rune(b[i])|rune(b[i+1])<<8)
		}
		return strings.Contains(string(u), s)
	}
	return bytes.Contains(b, []byte(s)) || strings.Contains(latin1(b), s)
}

// latin1 reads Windows-1252 text for its French letters (the log's ANSI code page).
func latin1(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}
