// Package sysdialog opens the system's own file dialogs on Windows and macOS
// (« Enregistrer sous », the folder choice) through github.com/sqweek/dialog, which
// needs no cgo on Windows, except Windows' « Enregistrer sous », called directly for
// its default extension (save_windows.go). It has no Fyne, so that a small Windows program (the Wine
// test's) drives exactly what the app calls. Linux has none: the app keeps Fyne's
// dialogs there, and this package is empty.
package sysdialog
