package service

import (
	"context"
	"io"
)

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

	// Suspend makes an active key refused everywhere a revoked key is, until Resume,
	// and records who suspended it, when and why. EINVALID (MsgSuspendReasonBlank) for
	// a blank reason, ECONFLICT for a key already suspended (MsgKeySuspended), revoked
	// or expired (MsgKeyNotActive).
	Suspend(ctx context.Context, req SuspendRequest) (Key, error)

	// Resume makes a suspended key usable again, journaled with its reason. EINVALID
	// for a blank reason, ECONFLICT (MsgKeyNotSuspended) for a key that is not
	// suspended.
	Resume(ctx context.Context, req SuspendRequest) (Key, error)

	// Handover gives a key a new secret that only a pickup link on the firm's server
	// reveals, once, with a code given by another channel; the key is pending
	// (refused everywhere) until then, and any earlier link of it dies. EFORBIDDEN
	// (MsgHandoverServerOnly) in local mode; EINVALID for a validity not offered;
	// ECONFLICT for a suspended (MsgHandoverSuspended), revoked or expired
	// (MsgHandoverNotActive) key.
	Handover(ctx context.Context, req HandoverRequest) (HandoverLink, error)

	// Restrict replaces a key's restrictions (addresses, read-only, rate) and
	// journals them before and after. EINVALID quoting a bad entry, or naming the
	// firm's rule when it requires an address restriction; ECONFLICT when they were
	// changed since req.FromVersion (MsgRestrictChangedMeantime) or the key is
	// revoked or expired.
	Restrict(ctx context.Context, req RestrictRequest) (Key, error)

	// Renew gives an active key a new secret, returned once like Generate's; the old
	// secret keeps working for the grace period asked. EINVALID for an unknown grace,
	// ECONFLICT for a revoked or expired key, or when the key was renewed since the
	// version the caller saw (or by a concurrent call): never a third secret.
	Renew(ctx context.Context, req RenewRequest) (GeneratedKey, error)

	// EndGrace stops the old secret of a renewed key at once and forgets its digest.
	// ECONFLICT when there is no old secret in its grace period.
	EndGrace(ctx context.Context, keyID string) (Key, error)

	// LookupDigests tells, for each digest of a secret found by a scan (SecretDigest),
	// the key of the caller's tiers it opens, or unknown: only digests travel, never
	// secrets. The answer has one SecretMatch per digest, in order. EINVALID for more
	// than MaxDigestLookup digests or one that is not a SHA-256 digest.
	LookupDigests(ctx context.Context, digests [][]byte) ([]SecretMatch, error)

	// KeyDetails returns a key and its uses per day over the last UsageDays days.
	KeyDetails(ctx context.Context, keyID string) (KeyDetails, error)

	// ExpiringKeys returns the active keys, of every tiers and service the caller
	// administers, that expire within ExpiryWarning, soonest first (at most
	// MaxPageSize).
	ExpiringKeys(ctx context.Context) ([]Key, error)

	// Audit returns a page of the audit trail of the caller's tiers matching the
	// criteria, newest first. EINVALID for a period that ends before it starts.
	Audit(ctx context.Context, f AuditFilter) ([]AuditEvent, error)

	// ExportAudit writes every event of the caller's tiers matching the criteria, oldest
	// first, as the CSV of NewAuditCSV ending with the firm's head (its newest event,
	// whose hash covers the chain before it; nothing of other firms'), streamed: memory
	// stays flat however long the journal. progress (may be nil) is called now and
	// then with the events written and their total. A cancelled ctx stops it with an
	// error that errors.Is context.Canceled.
	ExportAudit(ctx context.Context, f AuditFilter, w io.Writer, progress func(done, total int64)) error

	// VerifyAudit checks the whole chain of the audit trail and names the first
	// altered or missing event; the figures it returns are the caller's firm's own
	// (its events, its newest event as the head, where the seals covering its
	// events stop among them, whoever made the seals).
	VerifyAudit(ctx context.Context) (AuditCheck, error)

	// SealAudit seals the head of the journal now with a key the database does not
	// hold, and journals it (the seal covers that event); VerifyAudit then checks
	// every seal. EUNAVAILABLE when the sealing key is missing.
	SealAudit(ctx context.Context) (AuditSeal, error)
}

// FirmEditor is implemented by Portals whose firm profile the desktop app edits
// itself (local mode); on a server, tiers are managed from its command line.
type FirmEditor interface {
	// SetUpFirm creates the firm profile at first start: the firm as first tiers and
	// the administrator.
	SetUpFirm(ctx context.Context, s FirmSetup) (Profile, error)

	// AttachTiers adds a tiers attached to one the administrator administers.
	AttachTiers(ctx context.Context, t Tiers) (Profile, error)

	// SetKeyPolicy sets the firm's maximum key lifetime (zero: none) and records it
	// in the audit trail. Keys already generated keep their expiry.
	SetKeyPolicy(ctx context.Context, p KeyPolicy) (Profile, error)
}
