//go:build windows || darwin

package gui

import (
	"errors"
	"log/slog"

	"fyne.io/fyne/v2"

	"sesame/gui/sysdialog"
)

// saveDialog is the system's « Enregistrer sous » (GetSaveFileName on Windows,
// NSSavePanel on macOS). It blocks its own goroutine, not Fyne's; the answer comes
// back on Fyne's.
func saveDialog(f *files, title, name, ext string, done func(path string, created bool)) {
	start := f.startFolder()
	go func() {
		path, err := sysdialog.Save(title, start, name, ext)
		if err != nil {
			if !errors.Is(err, sysdialog.ErrCancelled) {
				slog.Warn("save dialog", "err", err)
			}
			return
		}
		fyne.Do(func() { done(path, false) })
	}()
}

// folderDialog is the system's folder choice.
func folderDialog(f *files, title string, done func(path string)) {
	start := f.startFolder()
	go func() {
		path, err := sysdialog.Folder(title, start)
		if err != nil {
			if !errors.Is(err, sysdialog.ErrCancelled) {
				slog.Warn("folder dialog", "err", err)
			}
			return
		}
		fyne.Do(func() { done(path) })
	}()
}
