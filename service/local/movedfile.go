package local

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"sesame/service"
	"sesame/service/store/sqlite"
)

// File is the desktop's « Ce poste » file at Path, as the move to the firm's server
// handles it (service.LocalFile). Once moved, the file is renamed with the suffix
// movedSuffix and made read-only, and a note (Path + noteSuffix) says where its keys
// went: the app never opens it again as its store.
type File struct{ Path string }

// The names a moved file and its note take beside the original path.
const (
	movedSuffix = ".deplace-vers-serveur"
	noteSuffix  = ".deplace.json"
)

// Snapshot opens the file as the app does (a file the app left open, or that an older
// Sésame wrote, is brought up to date first), and writes a consistent copy to dest.
func (f File) Snapshot(ctx context.Context, dest string) error {
	st, err := sqlite.Open(ctx, f.Path)
	if err != nil {
		return err
	}
	defer st.Close()
	return st.Snapshot(ctx, dest)
}

// MarkMoved renames the file (and a -wal or -shm beside it, none once the app closed
// it) to Path + movedSuffix, read-only, then writes the note.
func (f File) MarkMoved(note service.MovedNote) (service.MovedNote, error) {
	note.Kept = f.Path + movedSuffix
	if err := os.Rename(f.Path, note.Kept); err != nil {
		return note, service.Errorf(service.EINTERNAL, service.MsgUnexpected, fmt.Errorf("keep the moved file: %w", err))
	}
	for _, side := range []string{"-wal", "-shm"} {
		_ = os.Rename(f.Path+side, note.Kept+side)
	}
	if err := os.Chmod(note.Kept, 0o400); err != nil {
		return note, service.Errorf(service.EINTERNAL, service.MsgUnexpected, fmt.Errorf("make the moved file read-only: %w", err))
	}
	b, err := json.MarshalIndent(note, "", "  ")
	if err != nil {
		return note, service.Errorf(service.EINTERNAL, service.MsgUnexpected, err)
	}
	if err := os.WriteFile(f.Path+noteSuffix, append(b, '\n'), 0o600); err != nil {
		return note, service.Errorf(service.EINTERNAL, service.MsgUnexpected, fmt.Errorf("write the move's note: %w", err))
	}
	return note, nil
}

// Moved reads the note of a file moved to a server. A note whose file came back
// (an administrator put the original name back) no longer counts.
func (f File) Moved() (service.MovedNote, bool) {
	var note service.MovedNote
	b, err := os.ReadFile(f.Path + noteSuffix)
	if err != nil || json.Unmarshal(b, &note) != nil || strings.TrimSpace(note.Server) == "" {
		return service.MovedNote{}, false
	}
	if _, err := os.Stat(f.Path); !errors.Is(err, os.ErrNotExist) {
		return service.MovedNote{}, false
	}
	note.Kept = filepath.Clean(note.Kept)
	return note, true
}
