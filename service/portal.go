package service

import "context"

// Portal is everything the desktop app does, whoever does it: the local Portal on the
// embedded store, or the remote one on the firm's server. Every method acts for the
// signed-in administrator and only on the tiers they administer; a tiers, service or
// key outside their reach answers ENOTFOUND, never data.
type Portal interface {
	// Profile returns who is signed in and the tiers they administer; ENOPROFILE in
	// local mode before the firm profile is created.
	Profile(ctx context.Context) (Profile, error)

	// Catalogue returns the firm's services and their categories.
	Catalogue(ctx context.Context) (Catalogue, error)

	// ListKeys returns one page of the keys matching the criteria. Tiers and Service
	// are required.
	ListKeys(ctx context.Context, f KeyFilter) (KeyPage, error)

	// Generate creates a key and returns its credentials, the only time they exist
	// outside the caller's memory. EINVALID for a bad name, ECONFLICT when an active
	// key of the same tiers and service has the name; nothing is stored on any error.
	Generate(ctx context.Context, req GenerateRequest) (GeneratedKey, error)

	// Revoke makes a key unusable at once and records who revoked it and when. The key
	// stays listed with status revoked. ECONFLICT if it is revoked already.
	Revoke(ctx context.Context, keyID string) (Key, error)

	// Audit returns a page of the audit trail of the caller's tiers, newest first.
	Audit(ctx context.Context, f AuditFilter) ([]AuditEvent, error)
}

// FirmEditor is implemented by Portals whose firm profile the desktop app edits
// itself (local mode); on a server, tiers are managed from its command line.
type FirmEditor interface {
	// SetUpFirm creates the firm profile at first start: the firm as first tiers and
	// the administrator.
	SetUpFirm(ctx context.Context, s FirmSetup) (Profile, error)

	// AttachTiers adds a tiers attached to one the administrator administers.
	AttachTiers(ctx context.Context, t Tiers) (Profile, error)
}
