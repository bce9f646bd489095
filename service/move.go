package service

import (
	"context"
	"time"
)

// The move from « Ce poste » to the firm's server (issue 20 item 4): the app sends a
// copy of its own file to the server, which imports it, then keeps the file read-only
// with a note saying where its keys went.

// FileImporter is a Portal that takes a desktop's file in: the firm's server's
// (remote.Portal, through POST /v1/import). progress, if not nil, hears the bytes
// sent so far and the file's size.
type FileImporter interface {
	ImportFile(ctx context.Context, path string, dry bool, progress func(sent, total int64)) (ImportCounts, error)
}

// LocalFile is the desktop's own « Ce poste » file, as the move handles it.
type LocalFile interface {
	// Snapshot writes a consistent copy of the file to dest, a new file.
	Snapshot(ctx context.Context, dest string) error
	// MarkMoved keeps the file read-only under another name, with note (its Kept
	// filled in): local mode then shows the note instead of opening a file.
	MarkMoved(note MovedNote) (MovedNote, error)
	// Moved returns the note of a file moved to a server, if it was.
	Moved() (MovedNote, bool)
}

// MovedNote says where a desktop's keys went.
type MovedNote struct {
	Server string    `json:"server"` // the firm server's address
	At     time.Time `json:"at"`     // when the move was made
	Keys   int64     `json:"keys"`   // how many keys moved
	Head   AuditHead `json:"head"`   // the file's journal head, which the server's import event records
	Kept   string    `json:"kept"`   // where the old file is kept, read-only
}
