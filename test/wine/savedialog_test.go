package wine

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 19 item 5 under Wine: the system's « Enregistrer sous » that the Windows app
// opens for the journal's export (sesame/gui/sysdialog, GetSaveFileName) shows with
// the app's title, in the folder it is given, with the suggested name, and returns
// the path the user accepts, with ".csv" added to a name typed without it. The
// program that opens and answers it is test/wine/savedialog; the app's own wiring
// (Documents first, the folder remembered, the whole path and « Ouvrir le dossier »
// after the export, a failure said, the question before replacing a file) is gui's
// TestSaveAndFolderChoices and the tests beside it.
func TestSystemSaveDialogUnderWine(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "savedialog.exe")
	build := exec.Command("go", "build", "-o", exe, "sesame/test/wine/savedialog")
	build.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building savedialog for Windows: %v\n%s", err, out)
	}
	prefix := newPrefix(t)
	display := startXvfb(t)
	start := `C:\Cabinet\Exports`
	if err := os.MkdirAll(hostPath(prefix, start), 0o755); err != nil {
		t.Fatal(err)
	}
	const title = "Enregistrer le journal sous"
	// The name suggested, then a name without the extension, as a user types it:
	// the dialog adds ".csv" itself (its default extension), so that its question
	// before replacing a file is about the file written.
	for name, want := range map[string]string{
		"journal-sesame-20261207.csv": "journal-sesame-20261207.csv",
		"journal_audit":               "journal_audit.csv",
	} {
		out, err := wineOutput(wineCommand(prefix, display, exe, title, start, name), false)
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		if err != nil || len(lines) != 2 || strings.TrimSpace(lines[0]) != "dialog=found" {
			t.Fatalf("savedialog under Wine: %v; printed %q", err, out)
		}
		got, _ := strings.CutPrefix(strings.TrimSpace(lines[1]), "saved=")
		if want := start + `\` + want; !strings.EqualFold(got, want) {
			t.Errorf("given %q, the dialog returned %q, want %q (opened in the folder given, the extension added)", name, got, want)
		}
	}
}
