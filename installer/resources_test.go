package installer

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tc-hib/winres"

	"sesame/assets"
)

// product is FyneApp.toml's, as scripts/package reads it.
func product(t *testing.T) Product {
	t.Helper()
	p, err := LoadProduct(filepath.Join("..", "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// windowsExe links the resources into a small Windows program, as `fyne build`
// links them into Sésame.exe (a .syso beside main), and returns its path.
func windowsExe(t *testing.T, p Product) string {
	t.Helper()
	rs, err := Resources(p, assets.Icon())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := WriteSyso(rs, filepath.Join(dir, "rsrc_windows_amd64.syso")); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"go.mod":  "module hello\n\ngo 1.21\n",
		"main.go": "package main\n\nfunc main() { println(\"Sésame\") }\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	exe := filepath.Join(dir, p.ExeName())
	build := exec.Command("go", "build", "-ldflags=-H=windowsgui", "-o", exe, ".")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0", "GOFLAGS=", "GOTOOLCHAIN=local")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build for Windows: %v\n%s", err, out)
	}
	return exe
}

// TestResourcesReadBackFromTheExecutable checks what Explorer and Windows read from
// a program linked with the resources: every icon size, the version strings in French
// and English, and the manifest's DPI awareness and supported systems.
func TestResourcesReadBackFromTheExecutable(t *testing.T) {
	p := product(t)
	p.Publisher = "Cabinet Dupont & Fils"
	checkExecutable(t, windowsExe(t, p), p)
}

// checkExecutable fails t unless the executable at path carries the resources of p.
func checkExecutable(t *testing.T, path string, p Product) {
	t.Helper()
	in, err := Inspect(path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(in.IconSizes, IconSizes) {
		t.Errorf("icon sizes: got %v, want %v", in.IconSizes, IconSizes)
	}
	for _, lang := range []string{"040C", "0409"} {
		s := in.Strings[lang]
		if s == nil {
			t.Errorf("no version strings for language %s (have %v)", lang, in.Strings)
			continue
		}
		want := map[string]string{
			"CompanyName":      p.Publisher,
			"LegalCopyright":   p.Copyright(),
			"OriginalFilename": "Sésame.exe",
			"ProductName":      "Sésame",
			"ProductVersion":   p.Version,
		}
		for key, value := range want {
			if s[key] != value {
				t.Errorf("%s %s: got %q, want %q", lang, key, s[key], value)
			}
		}
		if !strings.HasPrefix(s["FileDescription"], "Sésame — ") {
			t.Errorf("%s FileDescription: got %q", lang, s["FileDescription"])
		}
	}
	if !strings.Contains(in.Strings["040C"]["FileDescription"], "clés d'API") {
		t.Errorf("the French FileDescription is not French: %q", in.Strings["040C"]["FileDescription"])
	}
	if want := p.fileVersion(); in.FileVersion != want {
		t.Errorf("fixed file version: got %s, want %s", in.FileVersion, want)
	}
	if in.Manifest.DPIAwareness != winres.DPIPerMonitorV2 || !strings.Contains(in.ManifestXML, ">permonitorv2,system</dpiAwareness>") {
		t.Errorf("the manifest does not declare per-monitor DPI awareness v2:\n%s", in.ManifestXML)
	}
	const win10and11 = `<supportedOS Id="{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}"/>`
	if in.Manifest.Compatibility != winres.Win10AndAbove || !strings.Contains(in.ManifestXML, win10and11) {
		t.Errorf("the manifest does not declare Windows 10 and 11:\n%s", in.ManifestXML)
	}
	if in.Manifest.ExecutionLevel != winres.AsInvoker {
		t.Errorf("the manifest asks for elevation:\n%s", in.ManifestXML)
	}
}

// TestLoadProductRefusesVersionsWindowsInstallerCannotCompare: the MSI's version is
// three numbers, the first two at most 255.
func TestLoadProductRefusesVersionsWindowsInstallerCannotCompare(t *testing.T) {
	for _, v := range []string{"1.2", "1.2.3.4", "256.0.0", "1.x.0", "0.1.65536"} {
		dir := t.TempDir()
		toml := "[Details]\nName = \"Sésame\"\nID = \"fr.cabinet.sesame\"\nVersion = \"" + v + "\"\nBuild = 1\n"
		path := filepath.Join(dir, "FyneApp.toml")
		if err := os.WriteFile(path, []byte(toml), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadProduct(path); err == nil {
			t.Errorf("version %q accepted", v)
		}
	}
}
