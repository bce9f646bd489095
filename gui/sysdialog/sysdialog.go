//go:build windows || darwin

package sysdialog

import (
	"errors"

	"github.com/sqweek/dialog"
)

// ErrCancelled is what a dialog closed without a choice returns.
var ErrCancelled = dialog.ErrCancelled

// Folder asks for a folder, opening in startDir; it blocks until the user answers.
func Folder(title, startDir string) (string, error) {
	path, err := dialog.Directory().Title(title).SetStartDir(startDir).Browse()
	if errors.Is(err, dialog.ErrCancelled) {
		return "", ErrCancelled
	}
	return path, err
}
