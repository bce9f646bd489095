package service

import "time"

// AuditAction names what an audit event records.
type AuditAction string

// The recorded actions. Key events name the key; sign-ins (server
// mode) name only the administrator, their firm and the address they signed in from.
const (
	AuditGenerate AuditAction = "generate"
	AuditRevoke   AuditAction = "revoke"
	AuditRenew    AuditAction = "renew"     // a new secret for the same identifier
	AuditEndGrace AuditAction = "end_grace" // the old secret stopped: by hand, or its grace ran out
	AuditPolicy   AuditAction = "policy"    // the firm's maximum key lifetime changed
	AuditSuspend  AuditAction = "suspend"   // refused everywhere until resumed; Detail is the reason
	AuditResume   AuditAction = "resume"    // usable again; Detail is the reason
	AuditRestrict AuditAction = "restrict"  // the key's restrictions changed; Detail is RestrictDetail
	AuditSignIn   AuditAction = "signin"
	AuditImport   AuditAction = "import"   // a desktop's file carried in; Detail is its journal head, "seq:hash"
	AuditSealHead AuditAction = "seal"     // the journal's head sealed on demand (AuditSeal); the seal covers this event
	AuditHandover AuditAction = "handover" // a pickup link issued (HandoverDetail); the key is pending
	// A build of the desktop app published by the server's operator; Detail is
	// "version sha256".
	AuditDesktopPublish AuditAction = "desktop_publish"
	// A build refused at publication: its SHA-256 is not the one claimed; Detail is
	// "version claimed-sha256 file-sha256".
	AuditDesktopRefused AuditAction = "desktop_refused"
)

// AuditDetailGraceRanOut is the Detail of an end_grace event that nobody asked for:
// the grace ran out (its fixed end, or the new secret's first use plus a day), and
// the event is dated then. Such an event has no administrator.
const AuditDetailGraceRanOut = "grace-ran-out"

// AuditEvent is one line of the audit trail: who did what to which key, when and from
// where. Stores number events 1, 2, 3… in the order they were appended and chain
// them (Hash, see ChainHash), so that a removed, altered or reordered event shows.
type AuditEvent struct {
	ID      int64 // position in the chain, from 1, without gaps
	At      time.Time
	Actor   string // full name of the administrator
	Login   string // their login
	Action  AuditAction
	KeyID   string
	KeyName string
	Tiers   string
	Service string
	Addr    string // the client's address in server mode; empty on the desktop
	Detail  string // what else the action needs said (a grace period, a policy)
	Hash    string // hex SHA-256 chaining this event to the previous one; set by the store
}

// AuditFilter selects audit events, newest first. Zero fields select everything.
type AuditFilter struct {
	Tiers   []string    // only these tiers; the Portal restricts it to the caller's
	From    time.Time   // at or after this instant
	To      time.Time   // before this instant
	Login   string      // the administrator's login
	Action  AuditAction // one action
	KeyName string      // the key's name contains this, accents and case aside
	Before  int64       // events with an ID below this one; 0 for the newest
	After   int64       // events with an ID above this one (EachAudit, CountAudit); 0 for all
	Limit   int         // 0 means DefaultPageSize
}

// AuditHead is the end of the chain: the number of events appended and the hash of
// the last one (GenesisHash when there is none).
type AuditHead struct {
	Seq  int64
	Hash string
}
