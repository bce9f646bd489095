package service

import (
	"slices"
	"strings"
	"time"
)

// NotifyKind names an event that administrators may be told about outside the app,
// by e-mail or webhook (issue 18 item 3). Its value is the webhook's "type".
type NotifyKind string

// The events told outside the app.
const (
	NotifyKeyExpiring      NotifyKind = "key.expiring"        // in 30, 7 and 1 days, once each
	NotifyKeySuspended     NotifyKind = "key.suspended"       // a leak report, a handover failure, by hand
	NotifyGraceEnded       NotifyKind = "key.grace_ended"     // the old secret stopped working
	NotifyHandoverPickedUp NotifyKind = "key.handover_picked" // a partner picked up a handed-over key
	NotifyPolicyChanged    NotifyKind = "firm.policy_changed" // the firm's key policy changed
	NotifyJournalSealed    NotifyKind = "journal.sealed"      // the journal's head was sealed
)

// NotifyKinds are every kind, in the order the app lists them.
var NotifyKinds = []NotifyKind{
	NotifyKeyExpiring, NotifyKeySuspended, NotifyGraceEnded,
	NotifyHandoverPickedUp, NotifyPolicyChanged, NotifyJournalSealed,
}

// Known reports whether k is one of NotifyKinds.
func (k NotifyKind) Known() bool { return slices.Contains(NotifyKinds, k) }

// ExpiryWarnDays are the days before a key's expiry at which it is told, once each.
var ExpiryWarnDays = []int{30, 7, 1}

// auditNotifies maps the journal's actions to the events they tell. An action that
// a later feature adds (a handover picked up) is told once it is listed here.
var auditNotifies = map[AuditAction]NotifyKind{
	AuditSuspend:  NotifyKeySuspended,
	AuditEndGrace: NotifyGraceEnded,
	AuditPolicy:   NotifyPolicyChanged,
	AuditPickedUp: NotifyHandoverPickedUp,
}

// AuditPickedUp is the journal's action of a handed-over key picked up by its
// partner; the handover's pickup writes it, and it is told as NotifyHandoverPickedUp.
const AuditPickedUp AuditAction = "picked_up"

// NotifyKindOf returns the event a journal action tells, if any.
func NotifyKindOf(a AuditAction) (NotifyKind, bool) {
	k, ok := auditNotifies[a]
	return k, ok
}

// Notification is one event told outside the app: what the e-mail says and the
// webhook's JSON body carries. Its ID is the same for every recipient and every
// replica ("audit:42", "expiry:ID:7", "seal:3"), so that it is sent once.
type Notification struct {
	ID        string     `json:"id"`
	Kind      NotifyKind `json:"type"`
	Firm      string     `json:"firm"`
	At        time.Time  `json:"at"`
	KeyID     string     `json:"keyId,omitempty"`
	KeyName   string     `json:"keyName,omitempty"`
	Tiers     string     `json:"tiers,omitempty"`
	Service   string     `json:"service,omitempty"`
	Actor     string     `json:"actor,omitempty"`
	Detail    string     `json:"detail,omitempty"`
	Days      int        `json:"days,omitempty"`       // key.expiring: 30, 7 or 1
	ExpiresAt time.Time  `json:"expiresAt,omitzero"`   // key.expiring
	AuditSeq  int64      `json:"auditEvent,omitempty"` // the journal event it comes from
	// journal.sealed: the seal's number, the event sealed with its hash, and the
	// seal's MAC in hex (audit verify checks it with the master key).
	SealID     int64  `json:"sealId,omitempty"`
	SealedSeq  int64  `json:"sealedEvent,omitempty"`
	SealedHash string `json:"sealedHash,omitempty"`
	SealMAC    string `json:"sealMac,omitempty"`
	// DetailText is Detail in the words the CSV export and the desktop use, by
	// language ("fr", "en"), for a webhook's receiver to show.
	DetailText map[string]string `json:"detailText,omitempty"`
}

// JoinKinds and SplitKinds are the stored form of a list of kinds: comma-separated;
// unknown kinds are dropped on the way back.
func JoinKinds(ks []NotifyKind) string {
	parts := make([]string, 0, len(ks))
	for _, k := range NotifyKinds {
		if slices.Contains(ks, k) {
			parts = append(parts, string(k))
		}
	}
	return strings.Join(parts, ",")
}

// SplitKinds reads what JoinKinds wrote.
func SplitKinds(s string) []NotifyKind {
	var out []NotifyKind
	for p := range strings.SplitSeq(s, ",") {
		if k := NotifyKind(p); k.Known() && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}
