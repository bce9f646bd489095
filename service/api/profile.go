package api

import (
	"sesame/service"
)

// Tiers is a tiers on the wire.
type Tiers struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	AttachedTo string `json:"attachedTo,omitempty"`
}

// Profile is the answer of GET /v1/profile.
type Profile struct {
	Login     string  `json:"login"`
	AdminName string  `json:"adminName"`
	SICCode   string  `json:"sicCode"`
	Tiers     []Tiers `json:"tiers"`
	// MaxKeyLifetimeDays is the firm's maximum key lifetime; absent: none.
	MaxKeyLifetimeDays int `json:"maxKeyLifetimeDays,omitempty"`
	// PartnerMaxKeyLifetimeDays is the partner keys' own maximum; absent: they follow
	// MaxKeyLifetimeDays.
	PartnerMaxKeyLifetimeDays int `json:"partnerMaxKeyLifetimeDays,omitempty"`
	// AddressRequired lists the kinds of key (firm, partner) whose generation needs
	// an address restriction; absent: none.
	AddressRequired []string `json:"addressRequired,omitempty"`
}

// FromProfile converts a domain profile.
func FromProfile(p service.Profile) Profile {
	out := Profile{Login: p.Login, AdminName: p.AdminName, SICCode: p.SICCode, Tiers: make([]Tiers, 0, len(p.Tiers)),
		MaxKeyLifetimeDays: p.KeyPolicy.MaxLifetimeDays, PartnerMaxKeyLifetimeDays: p.KeyPolicy.PartnerMaxLifetimeDays}
	if kinds := FromPolicy(p.KeyPolicy).AddressRequired; kinds != nil {
		out.AddressRequired = *kinds
	}
	for _, t := range p.Tiers {
		out.Tiers = append(out.Tiers, Tiers{Code: t.Code, Name: t.Name, AttachedTo: t.AttachedTo})
	}
	return out
}

// ToProfile converts back to the domain.
func (p Profile) ToProfile() service.Profile {
	out := service.Profile{Login: p.Login, AdminName: p.AdminName, SICCode: p.SICCode,
		KeyPolicy: Policy{MaxKeyLifetimeDays: p.MaxKeyLifetimeDays, PartnerMaxKeyLifetimeDays: p.PartnerMaxKeyLifetimeDays,
			AddressRequired: &p.AddressRequired}.ToPolicy()}
	for _, t := range p.Tiers {
		out.Tiers = append(out.Tiers, service.Tiers{Code: t.Code, Name: t.Name, AttachedTo: t.AttachedTo})
	}
	return out
}

// Catalogue is the answer of GET /v1/catalogue; the domain type already carries the
// JSON names of the embedded catalogue file, which this reuses.
type Catalogue = service.Catalogue
