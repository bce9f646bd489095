package sysdialog

import (
	"errors"

	"github.com/sqweek/dialog"
)

// Save asks where to save a file, opening in startDir with name suggested and
// files of extension ext (".csv") listed; NSSavePanel, allowed that extension only,
// adds it to a name typed without it before it asks about replacing a file. It
// blocks until the user answers.
func Save(title, startDir, name, ext string) (string, error) {
	path, err := dialog.File().Title(title).Filter(ext[1:], ext[1:]).SetStartDir(startDir).SetStartFile(name).Save()
	if errors.Is(err, dialog.ErrCancelled) {
		return "", ErrCancelled
	}
	return path, err
}
