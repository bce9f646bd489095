//go:build windows || darwin

package gui

import (
	"errors"

	"fyne.io/fyne/v2"

	"sesame/gui/sysdialog"
)

// saveDialog is the system's « Enregistrer sous » (GetSaveFileName on Windows,
// NSSavePanel on macOS). It blocks its own goroutine, not Fyne's; the answer, or
// why the dialog failed, comes back on Fyne's.
func saveDialog(f *files, title, name, ext string, done func(path string, created bool, err error)) {
	start := f.startFolder()
	go func() {
		path, err := sysdialog.Save(title, start, name, ext)
		if errors.Is(err, sysdialog.ErrCancelled) {
			err = errCancelled
		}
		fyne.Do(func() { done(path, false, err) })
	}()
}

// folderDialog is the system's folder choice.
func folderDialog(f *files, title string, done func(path string, err error)) {
	start := f.startFolder()
	go func() {
		path, err := sysdialog.Folder(title, start)
		if errors.Is(err, sysdialog.ErrCancelled) {
			err = errCancelled
		}
		fyne.Do(func() { done(path, err) })
	}()
}
