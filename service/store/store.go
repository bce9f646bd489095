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
	// ListKeys returns one page of keys matching a normalised filter.
	ListKeys(ctx context.Context, f service.KeyFilter) (service.KeyPage, error)
	// KeyByID returns a key with its secret digest; ENOTFOUND if none.
	KeyByID(ctx context.Context, id string) (KeyRecord, error)
	// RevokeKey marks an active key revoked by someone at an instant and records the
	// audit event, in one transaction; ENOTFOUND, or ECONFLICT if already revoked.
	RevokeKey(ctx context.Context, id, by string, at time.Time, ev service.AuditEvent) (service.Key, error)
	// TouchKeys records the last use of keys, batched by the caller.
	TouchKeys(ctx context.Context, lastUsed map[string]time.Time) error

	// WatchKeys announces to w every committed change to a key that verification
	// depends on (not its last use), until ctx ends: changes made through this store
	// at once, and on a database shared by replicas those made through any of them.
	// It blocks; w.Watching says when announcements start and stop flowing.
	WatchKeys(ctx context.Context, w KeyEvents)

	// Audit returns audit events, newest first.
	Audit(ctx context.Context, f service.AuditFilter) ([]service.AuditEvent, error)

	// Close releases the database.
	Close() error
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

// KeyRecord is a stored key: the key and the SHA-256 digest of its secret.
type KeyRecord struct {
	service.Key
	Digest []byte
}
