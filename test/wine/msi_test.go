package wine

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"sesame/assets"
	"sesame/installer"
)

// TestMSIUnderWine installs dist/Sesame.msi (built beside dist/Sésame.exe by
// scripts/package) as IT would push it, silently: per user by default, then starts
// the installed program through its Start-menu shortcut's target and signs the firm
// in; installs a newer version built here from the same program, which must replace
// the first; uninstalls, which must remove the program and leave the firm's data;
// installs and uninstalls once more per machine (ALLUSERS=1); and once more per
// user, uninstalled with REMOVEDATA=1, which must remove the firm's data too. Files
// and registry are checked at each step.
func TestMSIUnderWine(t *testing.T) {
	exe := builtExe(t)
	root := repoRoot(t)
	msi := filepath.Join(root, "dist", "Sesame.msi")
	info, err := os.Stat(msi)
	if err != nil {
		t.Fatalf("scripts/package windows left no MSI beside the .exe: %v", err)
	}
	p, err := installer.LoadProduct(filepath.Join(root, "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	newer := p
	newer.Version = nextMinor(t, p.Version)
	newerMSI := filepath.Join(t.TempDir(), "Sesame-"+newer.Version+".msi")
	if err := installer.BuildMSI(newer, assets.Icon(), exe, newerMSI); err != nil {
		t.Fatal(err)
	}

	display := startXvfb(t)
	prefix := newPrefix(t)
	profile := userProfile(t, prefix)
	installed := filepath.Join(profile, "AppData", "Local", "Programs", "Sésame", "Sésame.exe")
	shortcut := filepath.Join(profile, "AppData", "Roaming", "Microsoft", "Windows", "Start Menu", "Programs", "Sésame.lnk")

	// 1. Per user, silently, as a user without administrator rights would.
	start := time.Now()
	msiexec(t, prefix, "/i", msi, "/qn")
	t.Logf("Sesame.msi: %d bytes; per-user install under Wine: %.1f s", info.Size(), time.Since(start).Seconds())
	sameFile(t, installed, exe)
	first := onlyEntry(t, prefix, p.Version, p.Publisher)
	if sid := installContext(t, prefix, first); sid == machineSID {
		t.Errorf("the default install is per machine (%s), not per user", sid)
	}
	target, err := lnkTarget(shortcut)
	if err != nil {
		t.Fatalf("the Start-menu shortcut %s: %v", shortcut, err)
	}
	if hostPath(prefix, target) != installed {
		t.Fatalf("the Start-menu shortcut points to %s, not to the installed program", target)
	}

	// 2. The installed program, started from the shortcut's target, opens and keeps
	// the firm's data in the user's profile.
	data := runInstalled(t, prefix, display, target)

	// 3. A newer version replaces the older one: one entry left, the newer's.
	msiexec(t, prefix, "/i", newerMSI, "/qn")
	second := onlyEntry(t, prefix, newer.Version, p.Publisher)
	if second == first {
		t.Errorf("the newer version kept the older's product code %s", first)
	}
	sameFile(t, installed, exe)
	sameData(t, prefix, data, "after the upgrade")

	// 4. Uninstalling removes the program, its folder and shortcut, and its entry, and
	// leaves the firm's data.
	msiexec(t, prefix, "/x", newerMSI, "/qn")
	for _, gone := range []string{installed, filepath.Dir(installed), shortcut} {
		if _, err := os.Stat(gone); !os.IsNotExist(err) {
			t.Errorf("%s is still there after uninstalling (%v)", gone, err)
		}
	}
	if codes := entries(t, prefix); len(codes) != 0 {
		t.Errorf("« Applications et fonctionnalités » still lists Sésame after uninstalling: %v", codes)
	}
	sameData(t, prefix, data, "after uninstalling")

	// 5. Per machine, as GPO or Intune would install it: Program Files, the machine's
	// context; then removed.
	msiexec(t, prefix, "/i", msi, "/qn", "ALLUSERS=1")
	machineExe := filepath.Join(prefix, "drive_c", "Program Files", "Sésame", "Sésame.exe")
	sameFile(t, machineExe, exe)
	code := onlyEntry(t, prefix, p.Version, p.Publisher)
	if sid := installContext(t, prefix, code); sid != machineSID {
		t.Errorf("ALLUSERS=1 installed in the context of %s, not the machine's", sid)
	}
	msiexec(t, prefix, "/x", msi, "/qn", "ALLUSERS=1")
	if _, err := os.Stat(machineExe); !os.IsNotExist(err) {
		t.Errorf("%s is still there after uninstalling (%v)", machineExe, err)
	}
	if codes := entries(t, prefix); len(codes) != 0 {
		t.Errorf("Sésame is still listed after the per-machine uninstall: %v", codes)
	}
	sameData(t, prefix, data, "after the per-machine uninstall")

	// 6. Uninstalling with REMOVEDATA=1 removes the firm's data of the user too.
	msiexec(t, prefix, "/i", msi, "/qn")
	dataDir := storageDir(t, prefix)
	msiexec(t, prefix, "/x", msi, "/qn", "REMOVEDATA=1")
	for _, gone := range []string{installed, dataDir} {
		if _, err := os.Stat(gone); !os.IsNotExist(err) {
			t.Errorf("%s is still there after uninstalling with REMOVEDATA=1 (%v)", gone, err)
		}
	}
	if codes := entries(t, prefix); len(codes) != 0 {
		t.Errorf("Sésame is still listed after uninstalling with REMOVEDATA=1: %v", codes)
	}
}

// machineSID is LocalSystem's: Windows Installer files per-machine products under it.
const machineSID = "S-1-5-18"

// nextMinor is a version above v: its minor number plus one.
func nextMinor(t *testing.T, v string) string {
	t.Helper()
	parts := strings.Split(v, ".")
	minor, err := strconv.Atoi(parts[1])
	if err != nil || len(parts) != 3 {
		t.Fatalf("version %q", v)
	}
	return fmt.Sprintf("%s.%d.0", parts[0], minor+1)
}

// msiexec runs Windows Installer in the prefix and fails the test on a non-zero exit;
// the package is named by its Windows path (Wine maps / to Z:).
//
// Wine's loader, started right after the previous wineserver ended, now and then
// fails to start msiexec at all (« ShellExecuteEx failed: Internal error », seen on a
// busy machine): Windows Installer never ran, so the same command is tried again,
// twice at most; any other failure fails the test at once.
func msiexec(t *testing.T, prefix string, op, msi string, args ...string) {
	t.Helper()
	winPath := "Z:" + strings.ReplaceAll(msi, "/", `\`)
	for attempt := 1; ; attempt++ {
		cmd := wineCommand(prefix, "", "msiexec", append([]string{op, winPath}, args...)...)
		out, err := wineOutput(cmd, true)
		if err != nil && attempt < 3 && bytes.Contains(out, []byte("ShellExecuteEx failed")) {
			t.Logf("msiexec %s: Wine did not start it (attempt %d), again", op, attempt)
			stopWine(prefix, nil)
			continue
		}
		if err != nil {
			t.Fatalf("msiexec %s %s %v: %v\n%s", op, filepath.Base(msi), args, err, out)
		}
		break
	}
	stopWine(prefix, nil)
}

// userProfile is the prefix's folder of the user Wine runs as.
func userProfile(t *testing.T, prefix string) string {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join(prefix, "drive_c", "users", "*"))
	for _, d := range dirs {
		if base := filepath.Base(d); base != "Public" && base != "public" {
			return d
		}
	}
	t.Fatalf("no user profile in %s", prefix)
	return ""
}

// hostPath turns C:\… into the file's path under the prefix.
func hostPath(prefix, win string) string {
	rest, ok := strings.CutPrefix(win, `C:\`)
	if !ok {
		return win
	}
	return filepath.Join(prefix, "drive_c", filepath.FromSlash(strings.ReplaceAll(rest, `\`, "/")))
}

// sameFile fails unless path exists and holds what want holds.
func sameFile(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the program is not installed: %v", err)
	}
	w, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, w) {
		t.Fatalf("%s differs from %s", path, want)
	}
}

// uninstallKey is where « Applications et fonctionnalités » finds installed programs.
const uninstallKey = `Software\Microsoft\Windows\CurrentVersion\Uninstall\`

// entries returns Sésame's entries in « Applications et fonctionnalités », by
// product code, from the machine's and the user's hives.
func entries(t *testing.T, prefix string) map[string]map[string]string {
	t.Helper()
	found := map[string]map[string]string{}
	for _, hive := range []string{"system.reg", "user.reg"} {
		for key, values := range readRegistry(t, prefix, hive) {
			if code, ok := strings.CutPrefix(key, uninstallKey); ok && values["DisplayName"] == "Sésame" {
				found[code] = values
			}
		}
	}
	return found
}

// onlyEntry checks that Sésame is listed once, with its version, publisher and the
// uninstall command, and returns its product code.
func onlyEntry(t *testing.T, prefix, version, publisher string) string {
	t.Helper()
	all := entries(t, prefix)
	if len(all) != 1 {
		t.Fatalf("« Applications et fonctionnalités » lists Sésame %d times, want once: %v", len(all), all)
	}
	for code, v := range all {
		if v["DisplayVersion"] != version || v["Publisher"] != publisher {
			t.Errorf("entry %s: version %q, publisher %q; want %q, %q", code, v["DisplayVersion"], v["Publisher"], version, publisher)
		}
		if !strings.Contains(v["UninstallString"], "/X"+code) {
			t.Errorf("entry %s: uninstall command %q", code, v["UninstallString"])
		}
		productIcon(t, prefix, code)
		return code
	}
	return ""
}

// packedGUID is how Windows Installer writes a product code in its registry keys:
// each group reversed, the last two byte by byte.
func packedGUID(code string) string {
	g := strings.Split(strings.Trim(code, "{}"), "-")
	rev := func(s string) string {
		b := []byte(s)
		for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
			b[i], b[j] = b[j], b[i]
		}
		return string(b)
	}
	pairs := func(s string) string {
		var out string
		for i := 0; i+1 < len(s); i += 2 {
			out += rev(s[i : i+2])
		}
		return out
	}
	return rev(g[0]) + rev(g[1]) + rev(g[2]) + pairs(g[3]) + pairs(g[4])
}

// productIcon checks that the product's icon, shown beside it in the list, was
// installed and is the multi-size icon.
func productIcon(t *testing.T, prefix, code string) {
	t.Helper()
	// Per machine under HKLM\Software\Classes\Installer, per user under
	// HKCU\Software\Microsoft\Installer.
	all := readRegistry(t, prefix, "system.reg")
	for key, v := range readRegistry(t, prefix, "user.reg") {
		all[key] = v
	}
	for key, v := range all {
		if strings.HasSuffix(key, `\Products\`+packedGUID(code)) && v["ProductIcon"] != "" {
			b, err := os.ReadFile(hostPath(prefix, v["ProductIcon"]))
			if err != nil {
				t.Errorf("the product's icon %s: %v", v["ProductIcon"], err)
				return
			}
			if n := len(b); n < 6 || b[2] != 1 || int(b[4])|int(b[5])<<8 != len(installer.IconSizes) {
				t.Errorf("the product's icon %s is not an icon of %d sizes", v["ProductIcon"], len(installer.IconSizes))
			}
			return
		}
	}
	t.Errorf("no ProductIcon registered for %s", code)
}

// installContext is the SID under which Windows Installer filed the product: the
// user's for a per-user install, LocalSystem's for a per-machine one.
func installContext(t *testing.T, prefix, code string) string {
	t.Helper()
	const userData = `Software\Microsoft\Windows\CurrentVersion\Installer\UserData\`
	for key := range readRegistry(t, prefix, "system.reg") {
		rest, ok := strings.CutPrefix(key, userData)
		if ok && strings.HasSuffix(rest, `\Products\`+packedGUID(code)+`\InstallProperties`) {
			return strings.SplitN(rest, `\`, 2)[0]
		}
	}
	t.Fatalf("Windows Installer has no record of %s", code)
	return ""
}

// runInstalled starts the program at its Windows path, creates the firm at first
// start, quits, and returns a digest of the firm's data folder.
func runInstalled(t *testing.T, prefix, display, winPath string) [sha256.Size]byte {
	t.Helper()
	var stderr bytes.Buffer
	app := wineCommand(prefix, display, winPath)
	app.Env = append(app.Env, "LANG=fr_FR.UTF-8", "LC_ALL=fr_FR.UTF-8")
	app.Stdout, app.Stderr = &stderr, &stderr
	if err := app.Start(); err != nil {
		t.Fatal("wine:", err)
	}
	defer stopWine(prefix, app)
	d := driver{t: t, display: display, titles: flows["français"]}
	d.run("xd_setup_firm", itoa(app.Process.Pid), "95963", "CABINET MSI", "Admin MSI")
	d.run("xd_key", "ctrl+q")
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	select {
	case <-exited:
		app.Process = nil
	case <-time.After(60 * time.Second):
		t.Fatalf("the installed Sésame did not quit within 60 s of Ctrl+Q:\n%s", stderr.String())
	}
	stopWine(prefix, nil)
	return sha256.Sum256(filesUnder(t, storageDir(t, prefix)))
}

// sameData fails unless the firm's data folder still holds what it held.
func sameData(t *testing.T, prefix string, want [sha256.Size]byte, when string) {
	t.Helper()
	if sha256.Sum256(filesUnder(t, storageDir(t, prefix))) != want {
		t.Errorf("the firm's data changed %s", when)
	}
}
