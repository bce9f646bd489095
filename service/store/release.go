package store

import (
	"context"
	"io"

	"sesame/service"
)

// ReleaseStore keeps the desktop builds a firm's server publishes, file and all, in
// the database, so that every replica serves the same ones. A version is stored once
// and never changes.
type ReleaseStore interface {
	// PutRelease stores a version's file, read from body to its end, with the audit
	// event of its publication, in one transaction. ECONFLICT with
	// service.MsgDesktopReleaseExists if that version is stored; EINVALID when what
	// body held is not r.Size bytes of SHA-256 r.SHA256 (the file changed while it was
	// read): nothing is then stored.
	PutRelease(ctx context.Context, r service.DesktopRelease, body io.Reader, ev service.AuditEvent) error
	// LatestRelease returns the highest version stored (service.DesktopVersionNewer);
	// ENOTFOUND with service.MsgDesktopNoRelease if none is.
	LatestRelease(ctx context.Context) (service.DesktopRelease, error)
	// Release returns a stored version; ENOTFOUND with service.MsgDesktopNoRelease.
	Release(ctx context.Context, version string) (service.DesktopRelease, error)
	// WriteRelease writes a stored version's file to w, a part at a time; ENOTFOUND
	// before anything is written when there is no such version.
	WriteRelease(ctx context.Context, version string, w io.Writer) error
}
