package gui

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
)

// prefLastFolder is the folder the user last chose to save a file in or to scan; the
// next dialog opens there.
const prefLastFolder = "files.lastFolder"

// files asks where to save a file and which folder to scan: with the system's own
// dialogs on Windows and macOS (« Enregistrer sous », in the system's language, with
// its sidebar), with Fyne's on Linux (filedialog_*.go). Each dialog opens in the
// folder chosen last, in Documents the first time.
type files struct {
	win   fyne.Window
	prefs fyne.Preferences
	open  func(*url.URL) error // shows a folder in the system's file manager
	// The dialogs; tests replace them with the user's answer.
	save   func(f *files, title, name, ext string, done func(path string, created bool))
	folder func(f *files, title string, done func(path string))
}

func newFiles(a fyne.App, w fyne.Window) *files {
	return &files{win: w, prefs: a.Preferences(), open: a.OpenURL, save: saveDialog, folder: folderDialog}
}

// askSave asks where to save a file, suggesting name (with its extension ext, such
// as ".csv"); done gets the path chosen, with the extension, and whether the
// dialog created the file; it is not called when the user closes the dialog.
func (f *files) askSave(title, name, ext string, done func(path string, created bool)) {
	f.save(f, title, name, ext, func(path string, created bool) {
		if !strings.EqualFold(filepath.Ext(path), ext) {
			path += ext
		}
		f.remember(filepath.Dir(path))
		done(path, created)
	})
}

// askFolder asks for a folder; done is not called when the user closes the dialog.
func (f *files) askFolder(title string, done func(path string)) {
	f.folder(f, title, func(path string) {
		f.remember(path)
		done(path)
	})
}

// startFolder is where a dialog opens: the folder chosen last if it is still there,
// else the user's Documents, else their home folder.
func (f *files) startFolder() string {
	for _, dir := range []string{f.prefs.String(prefLastFolder), documentsFolder()} {
		if fi, err := os.Stat(dir); dir != "" && err == nil && fi.IsDir() {
			return dir
		}
	}
	home, _ := os.UserHomeDir()
	return home
}

// remember keeps a folder for the next dialog.
func (f *files) remember(dir string) { f.prefs.SetString(prefLastFolder, dir) }

// openFolder shows the folder of a saved file in the system's file manager.
func (f *files) openFolder(path string) error {
	u, err := url.Parse(storage.NewFileURI(filepath.Dir(path)).String())
	if err != nil {
		return err
	}
	return f.open(u)
}
