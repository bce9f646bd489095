package api

import (
	"time"

	"sesame/service"
)

// Key is a key on the wire; instants are RFC 3339, absent ones omitted.
type Key struct {
	ID         string     `json:"id"`
	Tiers      string     `json:"tiers"`
	Service    string     `json:"service"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"createdAt"`
	CreatedBy  string     `json:"createdBy"`
	Status     string     `json:"status"`
	RevokedAt  *time.Time `json:"revokedAt,omitempty"`
	RevokedBy  string     `json:"revokedBy,omitempty"`
	LastUsedAt *time.Time `json:"lastUsedAt,omitempty"`
	ExpiresAt  *time.Time `json:"expiresAt,omitempty"`
	SecretHint string     `json:"secretHint"`

	LastUsedFrom string      `json:"lastUsedFrom,omitempty"`
	Version      int         `json:"version"`
	RenewedAt    *time.Time  `json:"renewedAt,omitempty"`
	OldSecret    *OldSecret  `json:"oldSecret,omitempty"`
	Suspension   *Suspension `json:"suspension,omitempty"`
	Kind         string      `json:"kind"`
	Partner      *Partner    `json:"partner,omitempty"`
	Handover     *Handover   `json:"handover,omitempty"`

	Restrictions        *Restrictions `json:"restrictions,omitempty"`
	RestrictionsVersion int           `json:"restrictionsVersion"`
}

// OldSecret is a renewed key's previous secret during its grace period: until a
// fixed instant, or, WaitingForFirstUse, until the new secret's first use plus 24 h.
type OldSecret struct {
	Until              *time.Time `json:"until,omitempty"`
	WaitingForFirstUse bool       `json:"waitingForFirstUse,omitempty"`
	LastUsedAt         *time.Time `json:"lastUsedAt,omitempty"`
	LastUsedFrom       string     `json:"lastUsedFrom,omitempty"`
}

// FromKey converts a domain key.
func FromKey(k service.Key) Key {
	return Key{
		ID: k.ID, Tiers: k.Tiers, Service: k.Service, Name: k.Name,
		CreatedAt: wire(k.CreatedAt), CreatedBy: k.CreatedBy, Status: string(k.Status),
		RevokedAt: timePtr(k.RevokedAt), RevokedBy: k.RevokedBy,
		LastUsedAt: timePtr(k.LastUsedAt), ExpiresAt: timePtr(k.ExpiresAt),
		SecretHint: k.SecretHint, LastUsedFrom: k.LastUsedFrom, Version: k.Version,
		RenewedAt: timePtr(k.RenewedAt), OldSecret: fromOldSecret(k.OldSecret),
		Suspension: fromSuspension(k.Suspension),
		Kind:       string(k.Kind), Partner: fromPartner(k.Partner),
		Handover:     fromHandover(k.Handover),
		Restrictions: FromRestrictions(k.Restrictions), RestrictionsVersion: k.RestrictionsVersion,
	}
}

func fromOldSecret(o *service.OldSecret) *OldSecret {
	if o == nil {
		return nil
	}
	return &OldSecret{Until: timePtr(o.Until), WaitingForFirstUse: o.Until.IsZero(),
		LastUsedAt: timePtr(o.LastUsedAt), LastUsedFrom: o.LastUsedFrom}
}

func (o *OldSecret) toOldSecret() *service.OldSecret {
	if o == nil {
		return nil
	}
	return &service.OldSecret{Until: timeVal(o.Until), LastUsedAt: timeVal(o.LastUsedAt), LastUsedFrom: o.LastUsedFrom}
}

// ToKey converts back to the domain.
func (k Key) ToKey() service.Key {
	return service.Key{
		ID: k.ID, Tiers: k.Tiers, Service: k.Service, Name: k.Name,
		CreatedAt: k.CreatedAt, CreatedBy: k.CreatedBy, Status: service.KeyStatus(k.Status),
		RevokedAt: timeVal(k.RevokedAt), RevokedBy: k.RevokedBy,
		LastUsedAt: timeVal(k.LastUsedAt), ExpiresAt: timeVal(k.ExpiresAt),
		SecretHint: k.SecretHint, LastUsedFrom: k.LastUsedFrom, Version: k.Version,
		RenewedAt: timeVal(k.RenewedAt), OldSecret: k.OldSecret.toOldSecret(),
		Suspension: k.Suspension.toSuspension(),
		Kind:       service.KeyKind(k.Kind), Partner: k.Partner.toPartner(),
		Handover:     k.Handover.toHandover(),
		Restrictions: k.Restrictions.toRestrictions(), RestrictionsVersion: k.RestrictionsVersion,
	}
}

// KeyPage is one page of the key table; Next is empty on the last page. The first page
// (no cursor) has Count: how many keys match the criteria.
type KeyPage struct {
	Keys  []Key     `json:"keys"`
	Next  string    `json:"next,omitempty"`
	Count *KeyCount `json:"count,omitempty"`
}

// KeyCount is how many keys match: exactly N, or more than N when More is true.
type KeyCount struct {
	N    int  `json:"n"`
	More bool `json:"more,omitempty"`
}

// FromKeyPage converts a domain page.
func FromKeyPage(p service.KeyPage) KeyPage {
	out := KeyPage{Keys: make([]Key, 0, len(p.Keys)), Next: p.Next}
	if p.Count != nil {
		out.Count = &KeyCount{N: p.Count.N, More: p.Count.More}
	}
	for _, k := range p.Keys {
		out.Keys = append(out.Keys, FromKey(k))
	}
	return out
}

// ToKeyPage converts back to the domain.
func (p KeyPage) ToKeyPage() service.KeyPage {
	out := service.KeyPage{Next: p.Next}
	if p.Count != nil {
		out.Count = &service.KeyCount{N: p.Count.N, More: p.Count.More}
	}
	for _, k := range p.Keys {
		out.Keys = append(out.Keys, k.ToKey())
	}
	return out
}

// GenerateRequest is the body of POST /v1/keys. The key expires after ExpiresInDays
// days (counted by the server's clock), at ExpiresAt (RFC 3339, or AAAA-MM-JJ for
// 00:00 UTC that day), or never when both are absent.
type GenerateRequest struct {
	Tiers         string   `json:"tiers"`
	Service       string   `json:"service"`
	Name          string   `json:"name"`
	ExpiresInDays int      `json:"expiresInDays,omitempty"`
	ExpiresAt     *Instant `json:"expiresAt,omitempty"`
	Kind          string   `json:"kind,omitempty"` // firm (the default) or partner
	Partner       *Partner `json:"partner,omitempty"`
	// Restrictions are checked as service.NormalizeRestrictions does; absent: none.
	Restrictions *Restrictions `json:"restrictions,omitempty"`
}

// FromGenerateRequest converts a domain request.
func FromGenerateRequest(r service.GenerateRequest) GenerateRequest {
	out := GenerateRequest{Tiers: r.Tiers, Service: r.Service, Name: r.Name, ExpiresInDays: r.Expiry.Days,
		Kind: string(r.Kind), Partner: fromPartner(r.Partner), Restrictions: FromRestrictionsInput(r.Restrictions)}
	if !r.Expiry.At.IsZero() {
		out.ExpiresAt = &Instant{r.Expiry.At}
	}
	return out
}

// ToGenerateRequest converts back to the domain.
func (r GenerateRequest) ToGenerateRequest() service.GenerateRequest {
	out := service.GenerateRequest{Tiers: r.Tiers, Service: r.Service, Name: r.Name, Expiry: service.Expiry{Days: r.ExpiresInDays},
		Kind: service.KeyKind(r.Kind), Partner: r.Partner.toPartner(), Restrictions: r.Restrictions.ToInput()}
	if r.ExpiresAt != nil {
		out.Expiry.At = r.ExpiresAt.Time
	}
	return out
}

// GenerateResponse is the answer of POST /v1/keys: the only time the secret leaves
// the server.
type GenerateResponse struct {
	Key        Key    `json:"key"`
	Identifier string `json:"identifier"`
	Secret     string `json:"secret"`
}

// FromGeneratedKey converts a domain answer.
func FromGeneratedKey(g service.GeneratedKey) GenerateResponse {
	return GenerateResponse{Key: FromKey(g.Key), Identifier: g.Credentials.Identifier, Secret: g.Credentials.Secret}
}

// ToGeneratedKey converts back to the domain.
func (g GenerateResponse) ToGeneratedKey() service.GeneratedKey {
	return service.GeneratedKey{
		Key:         g.Key.ToKey(),
		Credentials: service.Credentials{Identifier: g.Identifier, Secret: g.Secret},
	}
}

// VerifyResponse is the answer of POST /v1/verify for a usable key.
type VerifyResponse struct {
	Active  bool   `json:"active"`
	Tiers   string `json:"tiers"`
	Service string `json:"service"`
	Name    string `json:"name"`
}
