// Package safefile writes a file so that it appears under its name only once whole:
// the data go to a temporary file in the same folder, renamed over the name at
// Commit; Abort (or a failure) removes it. A cancelled export thus leaves nothing
// under the name the user chose, nor a half-written copy of an older file.
package safefile

import (
	"errors"
	"os"
	"path/filepath"
)

// File is a file being written; its data reach path at Commit.
type File struct {
	*os.File
	path string
	done bool
}

// Create starts writing the file that will be named path, with mode 0o600 (an audit
// export is the firm's business, not the other users' of the computer).
func Create(path string) (*File, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	return &File{File: tmp, path: path}, nil
}

// Commit flushes the data to disk and renames the temporary file to path, replacing
// what was there.
func (f *File) Commit() error {
	if f.done {
		return errors.New("safefile: already committed or aborted")
	}
	f.done = true
	err := f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), f.path)
	}
	if err != nil {
		_ = os.Remove(f.Name())
	}
	return err
}

// Abort removes the temporary file; path is left as it was. Aborting after Commit
// does nothing, so that it can be deferred.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	_ = f.Close()
	_ = os.Remove(f.Name())
}
