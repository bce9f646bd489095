package gui

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"
)

// Issue 19 item 5, the wiring: the journal's « Exporter » and the scan's folder
// choice ask the app's dialogs (the system's on Windows and macOS, Fyne's here),
// which open in Documents first, then in the folder chosen last; the export's
// message names the whole path, and « Ouvrir le dossier » shows that folder. The
// user's answer in the dialog is the one part played by the test: the system dialog
// itself is opened and answered under Wine (test/wine).
func TestSaveAndFolderChoices(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_DOCUMENTS_DIR", "")
	docs := filepath.Join(home, "Documents")
	chosen := filepath.Join(home, "Compta", "Audit 2026")
	for _, d := range []string{docs, chosen} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t)
	h.setUpFirm()
	h.u.showJournal()
	h.wait()
	j := h.u.journalScreen

	var title, name, start string
	h.u.files.save = func(f *files, t, n, ext string, done func(string, bool)) {
		title, name, start = t, n, f.startFolder()
		done(filepath.Join(chosen, "journal d'audit"), false) // typed without its extension
	}
	var opened []string
	h.u.files.open = func(u *url.URL) error { opened = append(opened, u.String()); return nil }

	h.tap(j.exportBtn)
	want := filepath.Join(chosen, "journal d'audit.csv")
	if title != "Enregistrer le journal sous" || !strings.HasPrefix(name, "journal-sesame-") || start != docs {
		t.Fatalf("the save dialog: title %q, name %q, opened in %q; want Documents %q", title, name, start, docs)
	}
	if _, err := os.Stat(want); err != nil {
		t.Fatalf("the export is not where the user chose: %v", err)
	}
	if !strings.Contains(j.status.Text, "dans "+want+".") || !j.openDir.Visible() || j.openDir.Text != "Ouvrir le dossier" {
		t.Fatalf("after the export: %q, « Ouvrir le dossier » shown %v", j.status.Text, j.openDir.Visible())
	}
	h.tap(&j.openDir.Button)
	if len(opened) != 1 || opened[0] != storage.NewFileURI(chosen).String() {
		t.Fatalf("« Ouvrir le dossier » opened %q, want %q", opened, storage.NewFileURI(chosen))
	}

	// The next dialog, the scan's folder choice, opens where the export went.
	h.u.showScan()
	d := h.u.scan
	scanned := filepath.Join(home, "Partage")
	if err := os.Mkdir(scanned, 0o700); err != nil {
		t.Fatal(err)
	}
	h.u.files.folder = func(f *files, t string, done func(string)) {
		title, start = t, f.startFolder()
		done(scanned)
	}
	h.tap(&d.add.Button)
	if start != chosen || title != "Choisir un dossier à examiner" || len(d.folders) != 1 || d.folders[0] != scanned {
		t.Fatalf("the folder choice: opened in %q (want %q), title %q, folders %q", start, chosen, title, d.folders)
	}
	// A remembered folder that is gone: Documents again.
	if err := os.Remove(scanned); err != nil {
		t.Fatal(err)
	}
	if got := h.u.files.startFolder(); got != docs {
		t.Fatalf("start folder after the last one went: %q, want %q", got, docs)
	}
}
