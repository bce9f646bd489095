package gui

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
	"sesame/service/msg"
)

// prefLastFolder is the folder the user last chose to save a file in or to scan; the
// next dialog opens there.
const prefLastFolder = "files.lastFolder"

// msgFileDialog: a file or folder dialog failed (not closed by the user).
const msgFileDialog msg.Code = "files.dialog_failed"

// errCancelled is a dialog's answer when the user closed it without a choice.
var errCancelled = errors.New("the dialog was closed without a choice")

// files asks where to save a file and which folder to scan: with the system's own
// dialogs on Windows and macOS (« Enregistrer sous », in the system's language, with
// its sidebar), with Fyne's on Linux (filedialog_*.go). Each dialog opens in the
// folder chosen last, in Documents the first time.
type files struct {
	win   fyne.Window
	prefs fyne.Preferences
	open  func(*url.URL) error       // shows a folder in the system's file manager
	fail  func(op string, err error) // says a failure (ui.showError)
	// asking is true while a dialog is open: another is not opened over it.
	asking bool
	// The dialogs; tests replace them with the user's answer. Each calls done once,
	// on Fyne's goroutine: with the choice, errCancelled, or why it failed.
	save   func(f *files, title, name, ext string, done func(path string, created bool, err error))
	folder func(f *files, title string, done func(path string, err error))
}

func newFiles(a fyne.App, w fyne.Window, fail func(op string, err error)) *files {
	return &files{win: w, prefs: a.Preferences(), open: a.OpenURL, fail: fail, save: saveDialog, folder: folderDialog}
}

// answered ends the dialog open: it reports whether the user chose something, and
// says a failure.
func (f *files) answered(op string, err error) bool {
	f.asking = false
	if err != nil && !errors.Is(err, errCancelled) {
		f.fail(op, service.Errorf(service.EINTERNAL, msgFileDialog, err))
	}
	return err == nil
}

// askSave asks where to save a file, suggesting name (with its extension ext, such
// as ".csv"); done gets the path chosen, with the extension, and whether the
// dialog created the file; it is not called when the user closes the dialog, nor
// while another dialog is open. A name chosen without the extension gets it; if
// that file exists, the dialog asked about another one, so the app asks before
// replacing it.
func (f *files) askSave(title, name, ext string, done func(path string, created bool)) {
	if f.asking {
		return
	}
	f.asking = true
	f.save(f, title, name, ext, func(path string, created bool, err error) {
		if !f.answered("save dialog", err) {
			return
		}
		if strings.EqualFold(filepath.Ext(path), ext) {
			f.remember(filepath.Dir(path))
			done(path, created)
			return
		}
		if created {
			removeIfEmpty(path) // made by the dialog under the name typed
		}
		path += ext
		f.remember(filepath.Dir(path))
		if _, err := os.Stat(path); err == nil {
			f.confirmReplace(path, func() { done(path, false) })
			return
		}
		done(path, false)
	})
}

// confirmReplace asks before replacing a file that no dialog asked about: Enter
// replaces it (replace), Escape keeps it.
func (f *files) confirmReplace(path string, replace func()) {
	var d *widgets.Dialog
	keep := func() { d.Hide() }
	yes := func() { d.Hide(); replace() }
	text := lang.L("files.replace_question", map[string]any{"Name": filepath.Base(path), "Folder": filepath.Dir(path)})
	cancel := widgets.NewButton(lang.L("ui.annuler"), nil, keep)
	ok := widgets.NewButton(lang.L("files.replace"), nil, yes)
	ok.Importance = widget.DangerImportance
	d = widgets.NewDialog(f.win, lang.L("files.replace_title"), widgets.Wrapped(text), []*widgets.Button{cancel, ok}, yes, keep)
	d.Show()
}

// askFolder asks for a folder; done is not called when the user closes the dialog,
// nor while another dialog is open.
func (f *files) askFolder(title string, done func(path string)) {
	if f.asking {
		return
	}
	f.asking = true
	f.folder(f, title, func(path string, err error) {
		if !f.answered("folder dialog", err) {
			return
		}
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
