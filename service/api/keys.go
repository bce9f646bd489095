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
}

// FromKey converts a domain key.
func FromKey(k service.Key) Key {
	return Key{
		ID: k.ID, Tiers: k.Tiers, Service: k.Service, Name: k.Name,
		CreatedAt: k.CreatedAt.UTC(), CreatedBy: k.CreatedBy, Status: string(k.Status),
		RevokedAt: timePtr(k.RevokedAt), RevokedBy: k.RevokedBy,
		LastUsedAt: timePtr(k.LastUsedAt), ExpiresAt: timePtr(k.ExpiresAt),
		SecretHint: k.SecretHint,
	}
}

// ToKey converts back to the domain.
func (k Key) ToKey() service.Key {
	return service.Key{
		ID: k.ID, Tiers: k.Tiers, Service: k.Service, Name: k.Name,
		CreatedAt: k.CreatedAt, CreatedBy: k.CreatedBy, Status: service.KeyStatus(k.Status),
		RevokedAt: timeVal(k.RevokedAt), RevokedBy: k.RevokedBy,
		LastUsedAt: timeVal(k.LastUsedAt), ExpiresAt: timeVal(k.ExpiresAt),
		SecretHint: k.SecretHint,
	}
}

// KeyPage is one page of the key table; Next is empty on the last page.
type KeyPage struct {
	Keys []Key  `json:"keys"`
	Next string `json:"next,omitempty"`
}

// FromKeyPage converts a domain page.
func FromKeyPage(p service.KeyPage) KeyPage {
	out := KeyPage{Keys: make([]Key, 0, len(p.Keys)), Next: p.Next}
	for _, k := range p.Keys {
		out.Keys = append(out.Keys, FromKey(k))
	}
	return out
}

// ToKeyPage converts back to the domain.
func (p KeyPage) ToKeyPage() service.KeyPage {
	out := service.KeyPage{Next: p.Next}
	for _, k := range p.Keys {
		out.Keys = append(out.Keys, k.ToKey())
	}
	return out
}

// GenerateRequest is the body of POST /v1/keys.
type GenerateRequest struct {
	Tiers   string `json:"tiers"`
	Service string `json:"service"`
	Name    string `json:"name"`
}

// FromGenerateRequest converts a domain request.
func FromGenerateRequest(r service.GenerateRequest) GenerateRequest {
	return GenerateRequest{Tiers: r.Tiers, Service: r.Service, Name: r.Name}
}

// ToGenerateRequest converts back to the domain.
func (r GenerateRequest) ToGenerateRequest() service.GenerateRequest {
	return service.GenerateRequest{Tiers: r.Tiers, Service: r.Service, Name: r.Name}
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
