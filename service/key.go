package service

import "time"

// KeyStatus is the state of a key in the table: Active, Suspendue, En attente de
// remise (StatusPending), Expirée or Révoquée.
type KeyStatus string

// The statuses of a key. Stores hold active, suspended or revoked; an active or
// suspended key whose expiry has passed is shown (and filtered) as expired, since
// resuming it would give nothing back. A suspended key is refused everywhere a
// revoked one is, until an administrator resumes it.
const (
	StatusActive    KeyStatus = "active"
	StatusSuspended KeyStatus = "suspended"
	StatusRevoked   KeyStatus = "revoked"
	StatusExpired   KeyStatus = "expired"
)

// Key is an API key as everybody but its first viewer sees it: everything except the
// secret, which no store holds.
type Key struct {
	ID         string // the public identifier, e.g. "7KQ2-M9XD-4TRB-H3WZ"
	Tiers      string // code of the tiers the key belongs to
	Service    string // ID of the catalogue entry the key opens
	Name       string // shown verbatim, whatever characters it holds
	CreatedAt  time.Time
	CreatedBy  string // the creator's full name
	Status     KeyStatus
	RevokedAt  time.Time // zero while active
	RevokedBy  string
	LastUsedAt time.Time // zero until first use
	ExpiresAt  time.Time // zero: never expires
	SecretHint string    // "ssk_Ab3x…", to tell keys apart; not secret

	LastUsedFrom string     // client address of the last use
	Version      int        // the secret's generation: 1 at creation, +1 per renewal
	RenewedAt    time.Time  // zero if never renewed
	OldSecret    *OldSecret // the previous secret during its grace period; nil otherwise

	Suspension *Suspension // who suspended the key, when and why; nil unless suspended

	Kind    KeyKind  // KindFirm or KindPartner
	Partner *Partner // the company a partner key was handed to; nil for a firm key

	Handover     *Handover    // its pickup link, pending or picked up; nil if never handed over
	Restrictions Restrictions // where, how and how fast the key may be used
	// RestrictionsVersion is 1 at creation, +1 per change of the restrictions: a
	// change names the version it replaces (RestrictRequest.FromVersion).
	RestrictionsVersion int
}

// Suspension is why a key is suspended: set by Suspend, gone on Resume. A revoked key
// keeps the suspension it had when it was revoked.
type Suspension struct {
	At     time.Time
	By     string // the administrator's full name
	Reason string
}

// At returns the key as shown at instant now: an active key past its expiry has
// status expired, and an old secret whose grace has ended is gone.
func (k Key) At(now time.Time) Key {
	if (k.Status == StatusActive || k.Status == StatusSuspended || k.Status == StatusPending) && !k.ExpiresAt.IsZero() && !now.Before(k.ExpiresAt) {
		k.Status = StatusExpired
	}
	if k.OldSecret != nil && !k.OldSecret.Live(now) {
		k.OldSecret = nil
	}
	return k
}

// Usable reports whether the key may authenticate a request at instant now.
func (k Key) Usable(now time.Time) bool {
	return k.Status == StatusActive && (k.ExpiresAt.IsZero() || now.Before(k.ExpiresAt))
}

// GenerateRequest asks for a new key: its tiers, its service, its name and when it
// expires.
type GenerateRequest struct {
	Tiers   string
	Service string
	Name    string
	Expiry  Expiry
	Kind    KeyKind  // empty: KindFirm
	Partner *Partner // required for KindPartner, absent otherwise
	// Restrictions as typed; NormalizeRestrictions checks them.
	Restrictions RestrictionsInput
}

// GeneratedKey is the answer to a generation: the stored key and its credentials,
// which exist nowhere else and must be shown once, then forgotten.
type GeneratedKey struct {
	Key         Key
	Credentials Credentials
}
