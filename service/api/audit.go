package api

import (
	"net/url"
	"strconv"
	"time"

	"sesame/service"
)

// Query parameters of GET /v1/audit beyond tiers, before and limit.
const (
	ParamFrom   = "from"   // RFC 3339 instant, included
	ParamTo     = "to"     // RFC 3339 instant, excluded
	ParamLogin  = "login"  // the administrator's login
	ParamAction = "action" // one service.AuditAction
	ParamKey    = "key"    // the key's name contains this
	ParamFormat = "format" // "csv" for the export; JSON otherwise
)

// auditParams are the parameters GET /v1/audit reads; any other is refused.
var auditParams = []string{ParamTiers, ParamFrom, ParamTo, ParamLogin, ParamAction, ParamKey, ParamBefore, ParamLimit, ParamFormat}

// FormatJSON asks GET /v1/audit for a JSON page, the default.
const FormatJSON = "json"

// The journal's actions as the API names them: as the endpoints that do them
// (POST /v1/keys/{id}/end-grace is "end-grace").
var wireActions = map[service.AuditAction]string{
	service.AuditGenerate: "generate", service.AuditRevoke: "revoke", service.AuditRenew: "renew",
	service.AuditSuspend: "suspend", service.AuditResume: "resume", service.AuditRestrict: "restrict",
	service.AuditEndGrace: "end-grace", service.AuditPolicy: "policy", service.AuditSignIn: "signin",
	service.AuditImport: "import", service.AuditSealHead: "seal",
	service.AuditHandover: "handover", service.AuditPickedUp: "picked-up",
	service.AuditDesktopPublish: "desktop-publish", service.AuditDesktopRefused: "desktop-refused",
}

// WireAction is the API's name of a journal action.
func WireAction(a service.AuditAction) string {
	if w, ok := wireActions[a]; ok {
		return w
	}
	return string(a)
}

// ParseAction is the journal action of the API's name (as WireAction gives it);
// false for none.
func ParseAction(w string) (service.AuditAction, bool) {
	for a, name := range wireActions {
		if name == w {
			return a, true
		}
	}
	return "", false
}

// FormatCSV asks GET /v1/audit for the CSV export instead of a JSON page.
const FormatCSV = "csv"

// HeaderAuditTotal carries, on the CSV export, how many events it will hold, before
// they are streamed (for a progress bar).
const HeaderAuditTotal = "X-Sesame-Audit-Total"

// MediaTypeCSV is the content type of the CSV export.
const MediaTypeCSV = "text/csv; charset=utf-8"

// AuditEvent is one line of the audit trail on the wire.
type AuditEvent struct {
	ID      int64     `json:"id"`
	At      time.Time `json:"at"`
	Actor   string    `json:"actor"`
	Login   string    `json:"login"`
	Action  string    `json:"action"`
	KeyID   string    `json:"keyId"`
	KeyName string    `json:"keyName"`
	Tiers   string    `json:"tiers"`
	Service string    `json:"service"`
	Addr    string    `json:"addr,omitempty"`
	Detail  string    `json:"detail,omitempty"`
	Hash    string    `json:"hash"`
}

// AuditPage is the answer of GET /v1/audit, newest first.
type AuditPage struct {
	Events []AuditEvent `json:"events"`
}

// FromAuditEvents converts domain events.
func FromAuditEvents(evs []service.AuditEvent) AuditPage {
	out := AuditPage{Events: make([]AuditEvent, 0, len(evs))}
	for _, e := range evs {
		out.Events = append(out.Events, AuditEvent{
			ID: e.ID, At: wire(e.At), Actor: e.Actor, Login: e.Login, Action: WireAction(e.Action),
			KeyID: e.KeyID, KeyName: e.KeyName, Tiers: e.Tiers, Service: e.Service,
			Addr: e.Addr, Detail: e.Detail, Hash: e.Hash,
		})
	}
	return out
}

// ToAuditEvents converts back to the domain.
func (p AuditPage) ToAuditEvents() []service.AuditEvent {
	out := make([]service.AuditEvent, 0, len(p.Events))
	for _, e := range p.Events {
		out = append(out, service.AuditEvent{
			ID: e.ID, At: e.At, Actor: e.Actor, Login: e.Login, Action: auditActionOf(e.Action),
			KeyID: e.KeyID, KeyName: e.KeyName, Tiers: e.Tiers, Service: e.Service,
			Addr: e.Addr, Detail: e.Detail, Hash: e.Hash,
		})
	}
	return out
}

// AuditCheck is the answer of GET /v1/audit/verify: the caller's firm's figures
// (its events, its newest event as the head, what the seals protect of its events),
// never the whole journal's.
type AuditCheck struct {
	Events   int64  `json:"events"`
	HeadSeq  int64  `json:"headSeq"`
	HeadHash string `json:"headHash"`
	Problem  string `json:"problem,omitempty"` // service.AuditProblem: "altered", "missing", "head", "seal_broken"…
	Event    int64  `json:"event,omitempty"`   // the first altered or missing event, or the sealed one
	Seals    int    `json:"seals,omitempty"`   // at how many of the firm's events the seals checked stop
	// The seal a seal problem concerns; for a whole journal, the firm's newest event
	// a seal covers, and when the first seal covering it was made.
	SealSeq int64      `json:"sealSeq,omitempty"`
	SealAt  *time.Time `json:"sealAt,omitempty"`
}

// FromAuditCheck converts a domain result.
func FromAuditCheck(c service.AuditCheck) AuditCheck {
	out := AuditCheck{Events: c.Events, HeadSeq: c.Head.Seq, HeadHash: c.Head.Hash, Problem: string(c.Problem), Event: c.Event,
		Seals: c.Seals, SealSeq: c.SealSeq}
	if !c.SealAt.IsZero() {
		at := c.SealAt.UTC()
		out.SealAt = &at
	}
	return out
}

// ToAuditCheck converts back to the domain.
func (c AuditCheck) ToAuditCheck() service.AuditCheck {
	out := service.AuditCheck{Events: c.Events, Head: service.AuditHead{Seq: c.HeadSeq, Hash: c.HeadHash},
		Problem: service.AuditProblem(c.Problem), Event: c.Event, Seals: c.Seals, SealSeq: c.SealSeq}
	if c.SealAt != nil {
		out.SealAt = *c.SealAt
	}
	return out
}

// AuditQuery encodes an audit filter as the query of GET /v1/audit.
func AuditQuery(f service.AuditFilter) url.Values {
	v := url.Values{}
	for _, t := range f.Tiers {
		v.Add(ParamTiers, t)
	}
	if !f.From.IsZero() {
		v.Set(ParamFrom, f.From.UTC().Format(time.RFC3339Nano))
	}
	if !f.To.IsZero() {
		v.Set(ParamTo, f.To.UTC().Format(time.RFC3339Nano))
	}
	setIf(v, ParamLogin, f.Login)
	if f.Action != "" {
		v.Set(ParamAction, WireAction(f.Action))
	}
	setIf(v, ParamKey, f.KeyName)
	if f.Before > 0 {
		v.Set(ParamBefore, strconv.FormatInt(f.Before, 10))
	}
	if f.Limit > 0 {
		v.Set(ParamLimit, strconv.Itoa(f.Limit))
	}
	return v
}

// ParseAuditFilter decodes the query of GET /v1/audit; EINVALID naming the
// parameter for one it does not know or a value it cannot read.
func ParseAuditFilter(v url.Values) (service.AuditFilter, error) {
	f := service.AuditFilter{Tiers: v[ParamTiers], Login: v.Get(ParamLogin), KeyName: v.Get(ParamKey)}
	if err := CheckParams(v, auditParams); err != nil {
		return f, err
	}
	if a := v.Get(ParamAction); a != "" {
		act, ok := ParseAction(a)
		if !ok {
			return f, valueError(ParamAction)
		}
		f.Action = act
	}
	switch v.Get(ParamFormat) {
	case "", FormatJSON, FormatCSV:
	default:
		return f, valueError(ParamFormat)
	}
	var err error
	if f.From, err = instantParam(ParamFrom, v.Get(ParamFrom)); err != nil {
		return f, err
	}
	if f.To, err = instantParam(ParamTo, v.Get(ParamTo)); err != nil {
		return f, err
	}
	before, err := intParam(v, ParamBefore)
	if err != nil {
		return f, err
	}
	limit, err := intParam(v, ParamLimit)
	if err != nil {
		return f, err
	}
	f.Before, f.Limit = before, int(limit)
	return f, nil
}

// auditActionOf is the journal action of an event read from the API.
func auditActionOf(w string) service.AuditAction {
	if a, ok := ParseAction(w); ok {
		return a
	}
	return service.AuditAction(w)
}

// AuditSeal is the answer of POST /v1/audit/seal: the seal made. Its MAC stays on
// the server.
type AuditSeal struct {
	Seq  int64     `json:"seq"`
	Hash string    `json:"hash"`
	At   time.Time `json:"at"`
}

// FromAuditSeal converts a domain seal.
func FromAuditSeal(s service.AuditSeal) AuditSeal {
	return AuditSeal{Seq: s.Seq, Hash: s.Hash, At: s.At}
}

// ToAuditSeal converts back to the domain (without ID, firm or MAC).
func (s AuditSeal) ToAuditSeal() service.AuditSeal {
	return service.AuditSeal{Seq: s.Seq, Hash: s.Hash, At: s.At}
}
