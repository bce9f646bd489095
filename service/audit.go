package service

import "time"

// AuditAction names what an audit event records.
type AuditAction string

// The recorded actions.
const (
	AuditGenerate AuditAction = "generate"
	AuditRevoke   AuditAction = "revoke"
	AuditRenew    AuditAction = "renew"     // a new secret for the same identifier
	AuditEndGrace AuditAction = "end_grace" // the old secret stopped before its time
	AuditPolicy   AuditAction = "policy"    // the firm's maximum key lifetime changed
)

// AuditEvent is one line of the audit trail: who did what to which key, and when.
type AuditEvent struct {
	ID      int64
	At      time.Time
	Actor   string // full name of the administrator
	Login   string // their login
	Action  AuditAction
	KeyID   string
	KeyName string
	Tiers   string
	Service string
}

// AuditFilter selects audit events, newest first.
type AuditFilter struct {
	Tiers  []string // only these tiers; the Portal restricts it to the caller's
	Before int64    // events with an ID below this one; 0 for the newest
	Limit  int      // 0 means DefaultPageSize
}
