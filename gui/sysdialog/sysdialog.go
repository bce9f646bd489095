//go:build windows || darwin

package sysdialog

import (
	"errors"

	"github.com/sqweek/dialog"
)

// ErrCancelled is what a dialog closed without a choice returns.
var ErrCancelled = dialog.ErrCancelled

// Save asks where to save a file, opening in startDir with name suggested and
// files of extension ext (".csv") listed; the system asks before replacing a file.
// It blocks until the user answers.
func Save(title, startDir, name, ext string) (string, error) {
	path, err := dialog.File().Title(title).Filter(ext[1:], ext[1:]).SetStartDir(startDir).SetStartFile(name).Save()
	if errors.Is(err, dialog.ErrCancelled) {
		return "", ErrCancelled
	}
	return path, err
}

// Folder asks for a folder, opening in startDir; it blocks until the user answers.
func Folder(title, startDir string) (string, error) {
	path, err := dialog.Directory().Title(title).SetStartDir(startDir).Browse()
	if errors.Is(err, dialog.ErrCancelled) {
		return "", ErrCancelled
	}
	return path, err
}
