// Package wine runs Sésame's Windows build for real: dist/Sésame.exe, built by
// scripts/package windows as a user downloads it, in a fresh Wine prefix under an Xvfb
// of the test's own, driven with xdotool like a person (scripts/xdrive.bash), in
// French and in English; and the keychain package's tests built for Windows against
// the Credential Manager. Wine stands in for Windows because Windows cannot run here;
// it needs one shim (processprng.c: ProcessPrng, which Go >= 1.24 calls and Wine 8
// lacks). make test installs Wine, mingw-w64, xclip and the fyne tool first.
package wine

import (
	"bytes"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"sesame/service"
)

// flow is what one language shows: the window titles that each step waits for.
type flow struct {
	lang      string // LANG and LC_ALL given to Wine, which passes them to Windows
	setup     string // xdrive's title regexes, in that language
	profile   string
	catalogue string
	keys      string
}

var flows = map[string]flow{
	"français": {
		lang:      "fr_FR.UTF-8",
		setup:     "^Sésame — Profil du cabinet$",
		profile:   "^Sésame — Profil$",
		catalogue: "^Sésame — Catalogue de services$",
		keys:      "^Sésame — Liste des clés d'API pour le service Loop APIkey$",
	},
	"english": {
		lang:      "en_US.UTF-8",
		setup:     "^Sésame — Firm profile$",
		profile:   "^Sésame — Profile$",
		catalogue: "^Sésame — Service catalogue$",
		keys:      "^Sésame — API keys of the service Loop APIkey$",
	},
}

var identifierShape = regexp.MustCompile(`^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$`)

// TestExeUnderWine walks first start → profile → catalogue → keys of Loop APIkey →
// Générer → the one-time dialog → Copier (identifier, then secret) → close, checking
// each window title, what the clipboard holds, and that the SQLite file under the
// prefix's AppData keeps the secret's digest and never the secret.
func TestExeUnderWine(t *testing.T) {
	exe := builtExe(t)
	for _, name := range []string{"français", "english"} {
		t.Run(name, func(t *testing.T) { walkFlow(t, exe, flows[name]) })
	}
}

func walkFlow(t *testing.T, exe string, f flow) {
	display := startXvfb(t)
	prefix := newPrefix(t)
	var stderr bytes.Buffer
	app := wineCommand(prefix, display, exe)
	app.Env = append(app.Env, "LANG="+f.lang, "LC_ALL="+f.lang)
	app.Stdout, app.Stderr = &stderr, &stderr
	if err := app.Start(); err != nil {
		t.Fatal("wine:", err)
	}
	t.Cleanup(func() { stopWine(prefix, app) })
	pid := itoa(app.Process.Pid)

	d := driver{t: t, display: display, titles: f}
	wid := d.run("xd_setup_firm", pid, "95963", "CABINET WINE", "Admin Wine")
	wid = d.run("xd_goto_catalogue", pid, wid)
	wid = d.run("xd_goto_keys", pid, wid)

	// The dialog takes the keyboard: each Tab moves from the identifier's Copier to
	// the secret's (the values themselves take no focus); Space presses a focused
	// button. "Tab space" is pressed until the clipboard holds the value, so a press
	// made before the dialog has the keyboard costs one more try, never a skipped one.
	isIdentifier := func(s string) bool { return identifierShape.MatchString(s) }
	generate := func(name string) {
		d.run("xd_type_new_key", wid, name)
		awaitStored(t, prefix, name)
	}
	generate("Synchro banque " + f.lang[:2])
	identifier := d.copied("identifier", isIdentifier, "Tab", "space")
	secret := d.copied("secret", func(s string) bool { return strings.HasPrefix(s, "ssk_") }, "Tab", "space")
	if err := service.CheckSecret(secret); err != nil {
		t.Fatalf("the clipboard holds a secret whose checksum fails: %v", err)
	}
	clipboardMarks(t, prefix, display)
	// Closing asks for confirmation; the name field then has the keyboard again,
	// which a second key proves: its dialog shows another identifier.
	d.run("xd_close_credentials")
	generate("Portail clients " + f.lang[:2])
	second := d.copied("second identifier", func(s string) bool { return isIdentifier(s) && s != identifier }, "Tab", "space")
	d.run("xd_close_credentials")
	// Quit from the keyboard (Ctrl+Q): the app closes its store and ends by itself.
	d.run("xd_key", "ctrl+q")
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	select {
	case <-exited:
		app.Process = nil // waited for: stopWine must not wait again
	case <-time.After(60 * time.Second):
		t.Fatal("Sésame did not quit within 60 s of Ctrl+Q")
	}

	dir := storageDir(t, prefix)
	data := filesUnder(t, dir)
	if !bytes.Contains(data, service.SecretDigest(secret)) {
		t.Error("the SQLite file under AppData does not hold the new key's SHA-256 digest")
	}
	for _, id := range []string{identifier, second} {
		if !bytes.Contains(data, []byte(id)) {
			t.Errorf("the SQLite file under AppData does not hold the identifier %s", id)
		}
	}
	body := strings.TrimPrefix(secret, "ssk_")
	for where, b := range map[string][]byte{"the app's files under AppData": data, "the app's output": stderr.Bytes()} {
		if bytes.Contains(b, []byte(body)) {
			t.Errorf("the secret is written in %s", where)
		}
	}
	if bytes.Contains(stderr.Bytes(), []byte("panic")) {
		t.Errorf("the app panicked under Wine:\n%s", stderr.String())
	}
}

// storageDir is Fyne's storage folder for the app in the prefix's user profile
// (%APPDATA%\fyne\fr.cabinet.sesame), where main.go puts sesame.db.
func storageDir(t *testing.T, prefix string) string {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(prefix, "drive_c", "users", "*", "AppData", "Roaming", "fyne", "fr.cabinet.sesame"))
	if len(matches) != 1 {
		t.Fatalf("no single storage folder under the prefix's AppData: %v", matches)
	}
	if _, err := os.Stat(filepath.Join(matches[0], "sesame.db")); err != nil {
		t.Fatalf("no sesame.db in %s: %v", matches[0], err)
	}
	return matches[0]
}

// filesUnder returns every file of a folder, concatenated: the database, its WAL and
// shared memory, the preferences.
// awaitStored waits until the store under the prefix's AppData holds a key named
// name, then for the app to show it: the one-time dialog opens once the key is stored,
// and a Tab or Space pressed before it does acts on the keys page instead (on a busy
// machine, a generation took longer than the first press: the presses went on to
// « Retour au catalogue »).
func awaitStored(t *testing.T, prefix, name string) {
	t.Helper()
	if !waitUntil(60*time.Second, func() bool { return bytes.Contains(filesUnder(t, storageDir(t, prefix)), []byte(name)) }) {
		t.Fatalf("the key %q was not stored within 60 s of Enter", name)
	}
	time.Sleep(time.Second) // the dialog, drawn by the UI goroutine after the store answered
}

func filesUnder(t *testing.T, dir string) []byte {
	t.Helper()
	var all []byte
	err := filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		all = append(all, b...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return all
}

// TestPackagesUnderWine runs the tests of the packages that call Windows itself,
// built for Windows, in one Wine prefix: the keychain's against the Credential Manager
// (a refresh token round trip, the 2560-byte limit, the journal's sealing key), and
// secretclip's against the clipboard (the marks that keep a secret out of the
// clipboard history), and the secret scan's on Windows paths, with the .docx, .xlsx
// and .zip files its tests write.
func TestPackagesUnderWine(t *testing.T) {
	prefix := newPrefix(t)
	for pkg, tests := range map[string][]string{
		"sesame/service/keychain":    {"TestRoundTripInRealKeyring", "TestRefusesOversizedSecret", "TestLongestSecretFitsTheCredentialManager", "TestSealKeyInRealKeychain"},
		"sesame/internal/secretclip": {"TestPutMarksTheValue"},
		"sesame/service/scan": {"TestFindsSecretsInTextDocumentsAndArchives", "TestFindsSecretsInUTF16AndHyperlinks",
			"TestSkipsWithACountByCause", "TestSecretAcrossChunkBoundaryFoundOnceOnItsLine", "TestProgressReachesTheTotalsAndNothingIsWritten"},
		"sesame/service/desktopupdate": {"TestSignerOfSignedAndUnsignedFiles", "TestSameSubjectFromAnotherAuthorityIsAnotherPublisher", "TestInstalledPerMachineFromWhereItRuns"},
	} {
		t.Run(path.Base(pkg), func(t *testing.T) {
			bin := filepath.Join(t.TempDir(), path.Base(pkg)+".test.exe")
			build := exec.Command("go", "test", "-c", "-o", bin, pkg)
			build.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0")
			if out, err := build.CombinedOutput(); err != nil {
				t.Fatalf("go test -c for Windows: %v\n%s", err, out)
			}
			run := wineCommand(prefix, "", bin, "-test.v", "-test.count=1")
			if pkg == "sesame/service/desktopupdate" {
				run.Env = append(run.Env, signedPrograms(t)...)
				run.Env = append(run.Env, "SESAME_EXPECT_PER_MACHINE=0") // run from a temporary folder
			}
			out, err := wineOutput(run, true)
			stopWine(prefix, nil)
			if err != nil {
				t.Fatalf("the %s tests failed under Wine: %v\n%s", pkg, err, out)
			}
			for _, name := range tests {
				if !strings.Contains(string(out), "--- PASS: "+name) {
					t.Errorf("%s did not pass under Wine:\n%s", name, out)
				}
			}
			if pkg == "sesame/service/desktopupdate" {
				perMachineCopy(t, prefix, bin)
			}
		})
	}
}

// perMachineCopy runs the desktopupdate tests' program again from Program Files, as
// a per-machine install (ALLUSERS=1) puts Sésame.exe, where it must find itself
// installed per machine.
func perMachineCopy(t *testing.T, prefix, bin string) {
	t.Helper()
	dir := filepath.Join(prefix, "drive_c", "Program Files", "Sésame")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "desktopupdate.test.exe"), b, 0o755); err != nil {
		t.Fatal(err)
	}
	run := wineCommand(prefix, "", `C:\Program Files\Sésame\desktopupdate.test.exe`, "-test.v", "-test.count=1",
		"-test.run", "^TestInstalledPerMachineFromWhereItRuns$")
	run.Env = append(run.Env, "SESAME_EXPECT_PER_MACHINE=1")
	out, err := wineOutput(run, true)
	stopWine(prefix, nil)
	if err != nil || !strings.Contains(string(out), "--- PASS: TestInstalledPerMachineFromWhereItRuns") {
		t.Errorf("run from Program Files, the program does not find itself installed per machine: %v\n%s", err, out)
	}
}

// signedPrograms builds a small Windows program and signs copies of it as
// scripts/sign-exe signs a release (osslsigncode), with code-signing certificates of
// the same subject issued by two throw-away authorities: SESAME_SIGNED_EXE and
// SESAME_SIGNED_EXE_RENEWED by the first (two certificates, two keys), and
// SESAME_SIGNED_EXE_OTHER_CA by the second. It returns those variables, each naming
// its file's Windows path (Wine maps / to Z:).
func signedPrograms(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	run := func(name string, args ...string) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
	}
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "plain.exe"), "sesame/test/wine/savedialog")
	build.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building a program to sign: %v\n%s", err, out)
	}
	ext := filepath.Join(dir, "codesign.ext")
	if err := os.WriteFile(ext, []byte("keyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\nbasicConstraints=critical,CA:FALSE\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var env []string
	for _, ca := range []string{"ca1", "ca2"} {
		run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-sha256",
			"-subj", "/CN=Sesame throw-away test authority "+ca+"/O=Sesame tests",
			"-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign",
			"-keyout", ca+".key", "-out", ca+".pem")
	}
	for _, s := range []struct{ name, ca, env string }{
		{"signed", "ca1", "SESAME_SIGNED_EXE"},
		{"renewed", "ca1", "SESAME_SIGNED_EXE_RENEWED"},
		{"otherca", "ca2", "SESAME_SIGNED_EXE_OTHER_CA"},
	} {
		run("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-sha256",
			"-subj", "/CN=Sesame throw-away test signer/O=Sesame tests", "-keyout", s.name+".key", "-out", s.name+".csr")
		run("openssl", "x509", "-req", "-in", s.name+".csr", "-CA", s.ca+".pem", "-CAkey", s.ca+".key",
			"-CAcreateserial", "-days", "1", "-sha256", "-extfile", ext, "-out", s.name+".pem")
		chain, err := os.ReadFile(filepath.Join(dir, s.name+".pem"))
		if err != nil {
			t.Fatal(err)
		}
		caPEM, err := os.ReadFile(filepath.Join(dir, s.ca+".pem"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, s.name+"-chain.pem"), append(chain, caPEM...), 0o600); err != nil {
			t.Fatal(err)
		}
		run("osslsigncode", "sign", "-certs", s.name+"-chain.pem", "-key", s.name+".key", "-h", "sha256",
			"-in", "plain.exe", "-out", s.name+".exe")
		env = append(env, s.env+"=Z:"+strings.ReplaceAll(filepath.Join(dir, s.name+".exe"), "/", `\`))
	}
	return env
}

// waitUntil polls cond every 200 ms for up to limit; the GUI under Wine has no event
// to wait on from outside.
func waitUntil(limit time.Duration, cond func() bool) bool {
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}
