package store

import (
	"context"
	"time"

	"sesame/service"
)

// HandoverStore keeps the pickup links of secure handovers (service.Handover). It
// holds digests of a link's token and code, never the token or the code, and the
// key's secret only sealed with the server's master key, until pickup, expiry or
// revocation.
type HandoverStore interface {
	// StartHandover gives key h.KeyID a new secret (digest and hint, no old secret
	// kept) that only the link reveals, makes the key pending until h.ExpiresAt,
	// ends every earlier link of the key, stores h and records ev, in one
	// transaction. ENOTFOUND; ECONFLICT with service.MsgHandoverSuspended for a
	// suspended key, service.MsgHandoverNotActive for a revoked one or one expired at
	// h.CreatedAt.
	StartHandover(ctx context.Context, h HandoverRecord, digest []byte, hint string, ev service.AuditEvent) (service.Key, error)
	// Handover returns the link whose token has that digest
	// (service.HandoverTokenDigest), whatever its state; ENOTFOUND if none.
	Handover(ctx context.Context, tokenDigest []byte) (HandoverRecord, error)
	// PickUpHandover marks an open link, unexpired at at, used at at from from,
	// forgets its sealed secret, makes its pending key active with that pickup
	// recorded, and records ev, in one transaction. ECONFLICT with
	// service.MsgHandoverLinkEnded when the link or its key no longer allows it (used
	// meanwhile, expired, replaced, the key suspended or revoked).
	PickUpHandover(ctx context.Context, tokenDigest []byte, at time.Time, from string, ev service.AuditEvent) (service.Key, error)
	// FailHandover counts a wrong code on an open link. When the count reaches max,
	// in the same transaction the link dies (its sealed secret forgotten) and its key,
	// unless suspended or revoked already, is suspended with sus and ev recorded.
	// It returns the count and whether the key was suspended. ECONFLICT with
	// service.MsgHandoverLinkEnded for a link that is not open.
	FailHandover(ctx context.Context, tokenDigest []byte, max int, sus service.Suspension, ev service.AuditEvent) (int, bool, error)
	// ForgetEndedHandovers forgets the sealed secrets of the links that expired by
	// now; their keys stay pending (inactive).
	ForgetEndedHandovers(ctx context.Context, now time.Time) error
}

// HandoverState is where a pickup link stands.
type HandoverState string

// The states of a pickup link. An open link past its ExpiresAt is expired.
const (
	HandoverOpen HandoverState = "open" // waiting for its partner
	HandoverUsed HandoverState = "used" // picked up once: opening it again is an alarm
	HandoverDead HandoverState = "dead" // replaced by a newer link, too many wrong codes, or its key revoked
)

// HandoverRecord is a stored pickup link.
type HandoverRecord struct {
	TokenDigest []byte
	KeyID       string
	CodeDigest  []byte
	Sealed      []byte // the key's secret sealed with the master key; nil once it must be gone
	CreatedAt   time.Time
	CreatedBy   string
	ExpiresAt   time.Time
	State       HandoverState
	Failures    int
	UsedAt      time.Time
	UsedFrom    string
}

// HandoverSecretLabel is the master key's label of a link's sealed secret, binding
// it to its key (masterkey.Key.Seal).
func HandoverSecretLabel(keyID string) string { return "handover-secret:" + keyID }
