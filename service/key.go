package service

import "time"

// KeyStatus is the state of a key in the table: Active or Révoquée.
type KeyStatus string

// The statuses of a key.
const (
	StatusActive  KeyStatus = "active"
	StatusRevoked KeyStatus = "revoked"
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
}

// Usable reports whether the key may authenticate a request at instant now.
func (k Key) Usable(now time.Time) bool {
	return k.Status == StatusActive && (k.ExpiresAt.IsZero() || now.Before(k.ExpiresAt))
}

// GenerateRequest asks for a new key: its tiers, its service and its name.
type GenerateRequest struct {
	Tiers   string
	Service string
	Name    string
}

// GeneratedKey is the answer to a generation: the stored key and its credentials,
// which exist nowhere else and must be shown once, then forgotten.
type GeneratedKey struct {
	Key         Key
	Credentials Credentials
}
