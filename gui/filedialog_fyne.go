//go:build !windows && !darwin

package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// saveDialog is Fyne's file dialog, on systems without one Sésame calls (Linux
// desktops differ: GTK, Qt); it creates the file it returns.
func saveDialog(f *files, title, name, ext string, done func(path string, created bool, err error)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		switch {
		case err != nil:
			done("", false, err)
		case w == nil:
			done("", false, errCancelled)
		default:
			path := w.URI().Path()
			_ = w.Close()
			done(path, true, nil)
		}
	}, f.win)
	d.SetTitleText(title)
	d.SetFileName(name)
	if l, err := storage.ListerForURI(storage.NewFileURI(f.startFolder())); err == nil {
		d.SetLocation(l)
	}
	d.Show()
}

// folderDialog is Fyne's folder choice.
func folderDialog(f *files, title string, done func(path string, err error)) {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		switch {
		case err != nil:
			done("", err)
		case l == nil:
			done("", errCancelled)
		default:
			done(l.Path(), nil)
		}
	}, f.win)
	d.SetTitleText(title)
	if l, err := storage.ListerForURI(storage.NewFileURI(f.startFolder())); err == nil {
		d.SetLocation(l)
	}
	d.Show()
}
