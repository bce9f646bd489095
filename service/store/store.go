// Package store defines what Sésame persists and the interface its databases
// implement: sqlite (the desktop's embedded file) and postgres (a shared server). One
// conformance suite, storetest, holds both to the same behaviour.
package store

import (
	"context"
	"time"

	"sesame/service"
)

// Store persists the firm, its catalogue, its keys and the audit trail. It checks no
// permission: the Portal above it does. Errors are *service.Error with a code
// (ENOTFOUND, ECONFLICT, EREADONLY, ELOCKED, ECORRUPT, EFULL, …); a failed write leaves
// nothing behind.
type Store interface {
	// Tiers returns every tiers, firms and attached ones, ordered by code.
	Tiers(ctx context.Context) ([]service.Tiers, error)
	// AddTiers stores a tiers; ECONFLICT if its code exists, ENOTFOUND if it is
	// attached to an unknown tiers.
	AddTiers(ctx context.Context, t service.Tiers) error

	// Admin returns an administrator by login; ENOTFOUND if none.
	Admin(ctx context.Context, login string) (Admin, error)
	// PutAdmin creates or replaces an administrator and the tiers they administer.
	PutAdmin(ctx context.Context, a Admin) error
	// RemoveAdmin deletes an administrator and their list of tiers; the tiers, the
	// keys they made and the audit stay. ENOTFOUND if there is none. Their sessions
	// are the AuthStore's to end (RevokeAdminSessions).
	RemoveAdmin(ctx context.Context, login string) error

	// Catalogue returns the stored catalogue, empty if none was stored.
	Catalogue(ctx context.Context) (service.Catalogue, error)
	// PutCatalogue replaces the catalogue; entries that keys refer to must remain.
	PutCatalogue(ctx context.Context, c service.Catalogue) error

	// InsertKey stores a new key and its audit event in one transaction; ECONFLICT
	// if an active key of the same tiers and service has that name, or the ID exists.
	InsertKey(ctx context.Context, k KeyRecord, ev service.AuditEvent) error
	// ListKeys returns one page of keys matching a normalised filter, as they are at
	// f.Now when it is set (service.Key.At).
	ListKeys(ctx context.Context, f service.KeyFilter) (service.KeyPage, error)
	// KeyByID returns a key with its secret digest; ENOTFOUND if none.
	KeyByID(ctx context.Context, id string) (KeyRecord, error)
	// KeysByDigest returns the keys, of any tiers, whose secret or old secret has
	// one of the digests (service.SecretDigest): what a scan found, matched without
	// the secret. At most service.MaxDigestLookup digests.
	KeysByDigest(ctx context.Context, digests [][]byte) ([]KeyRecord, error)
	// RevokeKey marks an active key revoked by someone at an instant and records the
	// audit event, in one transaction; ENOTFOUND, or ECONFLICT if already revoked.
	RevokeKey(ctx context.Context, id, by string, at time.Time, ev service.AuditEvent) (service.Key, error)
	// SuspendKey suspends an active, unexpired key (s says who, when and why) and
	// records the audit event, in one transaction; ENOTFOUND, or ECONFLICT with
	// MsgKeySuspended when it is suspended already, MsgKeyNotActive when it is revoked
	// or expired at s.At.
	SuspendKey(ctx context.Context, id string, s service.Suspension, ev service.AuditEvent) (service.Key, error)
	// ResumeKey lifts a key's suspension and records the audit event, in one
	// transaction; ENOTFOUND, or ECONFLICT with MsgKeyNotSuspended.
	ResumeKey(ctx context.Context, id string, ev service.AuditEvent) (service.Key, error)
	// TouchKeys records uses of keys, batched by the caller: last use and its address
	// (an older instant never overwrites a newer one), the old secret's last use, the
	// first use of a renewed secret (which starts the old one's last FirstUseGrace
	// when it waits for it), the counts per day, and the refusals per day with each
	// day's last one.
	TouchKeys(ctx context.Context, uses []KeyUse) error
	// SetRestrictions replaces the restrictions of a key that is neither revoked nor
	// expired at ev.At, if they are still at version from (Key.RestrictionsVersion,
	// then +1), and records the audit event, in one transaction. ENOTFOUND; ECONFLICT
	// with MsgRestrictChangedMeantime or MsgRestrictKeyNotActive.
	SetRestrictions(ctx context.Context, id string, from int, r service.Restrictions, ev service.AuditEvent) (service.Key, error)
	// KeyRefusals returns what a key's restrictions refused: on day number today
	// (service.DayOf), in all, and the last refusal.
	KeyRefusals(ctx context.Context, id string, today int64) (service.Refusals, error)

	// RenewKey replaces an active (not suspended), unexpired key's secret if its version is still
	// r.FromVersion, keeping the current secret as the old one for the grace asked,
	// and records the audit event, in one transaction. ENOTFOUND; ECONFLICT with
	// MsgKeyRevokedRenew, MsgKeySuspendedRenew, MsgKeyExpired or MsgKeyRenewedMeantime.
	RenewKey(ctx context.Context, r Renewal, ev service.AuditEvent) (service.Key, error)
	// EndGrace forgets a key's old secret and records the audit event; ENOTFOUND, or
	// ECONFLICT (MsgNoGrace) when it has none or its grace had run out by ev.At
	// (ForgetEndedGraces records that end).
	EndGrace(ctx context.Context, id string, ev service.AuditEvent) (service.Key, error)
	// ForgetEndedGraces forgets the old secrets whose grace ended at or before now
	// and records each end once, however many callers sweep at once: an end_grace
	// event with no administrator, Detail service.AuditDetailGraceRanOut, dated when
	// the grace ended, chained in the order the graces ended.
	ForgetEndedGraces(ctx context.Context, now time.Time) error
	// KeyUses returns a key's uses per day number (service.DayOf) in [from, to].
	KeyUses(ctx context.Context, id string, from, to int64) (map[int64]int64, error)
	// ExpiringKeys returns the active keys of those tiers expiring in [from, to),
	// soonest first, at most limit.
	ExpiringKeys(ctx context.Context, tiers []string, from, to time.Time, limit int) ([]service.Key, error)

	// KeyPolicy returns a firm's key policy; the zero policy if none was set.
	KeyPolicy(ctx context.Context, firm string) (service.KeyPolicy, error)
	// SetKeyPolicy stores a firm's key policy and records the audit event.
	SetKeyPolicy(ctx context.Context, firm string, p service.KeyPolicy, ev service.AuditEvent) error

	// WatchKeys announces to w every committed change to a key that verification
	// depends on (not its last use), until ctx ends: changes made through this store
	// at once, and on a database shared by replicas those made through any of them.
	// It blocks; w.Watching says when announcements start and stop flowing.
	WatchKeys(ctx context.Context, w KeyEvents)

	// AppendAudit records an event that no other change comes with (a sign-in). Every
	// event, this one or those of InsertKey, RevokeKey…, is numbered and chained in
	// its transaction: IDs 1, 2, 3… in append order, Hash = service.ChainHash of the
	// previous event's hash, one chain however many writers append at once.
	AppendAudit(ctx context.Context, ev service.AuditEvent) error
	// Audit returns one page of the events matching the filter, newest first.
	Audit(ctx context.Context, f service.AuditFilter) ([]service.AuditEvent, error)
	// EachAudit calls fn with every event matching the filter (Limit aside), oldest
	// first, holding one at a time (fn must not use the store); it stops at fn's first
	// error and returns it.
	EachAudit(ctx context.Context, f service.AuditFilter, fn func(service.AuditEvent) error) error
	// CountAudit returns how many events match the filter (Before and Limit aside).
	CountAudit(ctx context.Context, f service.AuditFilter) (int64, error)
	// AuditHead returns the end of the chain: events appended and the last hash.
	AuditHead(ctx context.Context) (service.AuditHead, error)
	// AuditHeadOf returns the event of tiers with the highest number below before
	// (any, when before is 0), as a head: its number and hash; zero when there is
	// none, or no tiers. A firm's head (store.ExportAudit, local.Portal.VerifyAudit).
	AuditHeadOf(ctx context.Context, tiers []string, before int64) (service.AuditHead, error)
	// SealAudit seals the head of the chain, in one transaction with r.Event's append
	// when there is one (the seal then covers it): the seal gets the next number,
	// r.Firm, r.At, the head's number and hash, and r.Sign's MAC, and is returned
	// with true. Without an event, a journal that is empty, whose head is sealed
	// already, or whose newest seal was made after r.NotAfter, gets no new seal:
	// the newest (zero if none) is returned with false. Replicas sealing at once
	// make one seal of a head.
	SealAudit(ctx context.Context, r SealRequest) (service.AuditSeal, bool, error)
	// AuditSeals returns every seal, in the order they were made.
	AuditSeals(ctx context.Context) ([]service.AuditSeal, error)

	HandoverStore

	// Close releases the database.
	Close() error
}

// SealRequest is a seal of the journal's head to make (Store.SealAudit).
type SealRequest struct {
	Firm  string
	At    time.Time
	Event *service.AuditEvent // appended first and sealed with the head; nil for the daily seal
	// NotAfter: without an event, no seal when the newest was made after it.
	NotAfter time.Time
	Sign     func(service.AuditSeal) []byte
}

// KeyEvents receives a store's announcements of key changes: a cache of keys.
type KeyEvents interface {
	// KeyChanged: a change to key id was committed.
	KeyChanged(id string)
	// Watching: announcements flow (live) or stopped (not live, cause says why).
	// Changes made while they did not flow are never announced.
	Watching(live bool, cause error)
}

// LocalLogin is the login of the one administrator of the desktop's local mode.
const LocalLogin = "local"

// Admin is an administrator of one or more tiers.
type Admin struct {
	Login        string
	Name         string
	SICCode      string   // the firm they sign in for
	Tiers        []string // codes they administer, with whatever is attached to them
	PasswordHash string   // argon2id in PHC form on a server; empty in local mode
}

// KeyRecord is a stored key: the key and the SHA-256 digest of its secret, and of
// its old secret while Key.OldSecret is set.
type KeyRecord struct {
	service.Key
	Digest    []byte
	OldDigest []byte
}

// KeyUse is what a server saw of one key, with one version of its secret, since it
// last wrote: zero instants for what did not happen.
type KeyUse struct {
	ID      string
	Version int // the key's secret version when it was verified

	LastAt   time.Time // newest use, with either secret
	LastFrom string
	OldAt    time.Time // newest use of the old secret
	OldFrom  string
	NewFirst time.Time       // earliest use of the current secret
	Days     map[int64]int64 // uses per day number (service.DayOf)

	// Refused are the requests the key's restrictions refused, per day number.
	Refused map[int64]DayRefusals
}

// DayRefusals are one day's refusals of a key: how many, and the last one.
type DayRefusals struct {
	N        int64
	LastAt   time.Time
	LastFrom string
}

// Renewal is a key's new secret and what becomes of the old one.
type Renewal struct {
	ID          string
	FromVersion int // the version being replaced
	Digest      []byte
	Hint        string
	At          time.Time
	// KeepOld keeps the current secret as the old one: until OldUntil, or until the
	// new secret's first use plus service.FirstUseGrace when OldUntil is zero.
	KeepOld  bool
	OldUntil time.Time
}
