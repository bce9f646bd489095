package api

import (
	"time"

	"sesame/service"
)

// RenewRequest is the body of POST /v1/keys/{id}/renew: the grace period of the old
// secret (none, 1h, 24h, 7d, first-use) and the key's version the caller saw, which
// the server requires (428 without it) so that two renewals never cross unseen.
type RenewRequest struct {
	Grace   string `json:"grace"`
	Version *int   `json:"version"`
}

// KeyAction is the answer of a key action without a new secret (revoke, end-grace):
// the key, in the envelope that generation, renewal and details share.
type KeyAction struct {
	Key Key `json:"key"`
}

// Policy is the firm's key policy, the body and answer of GET and PUT /v1/policy.
type Policy struct {
	// MaxKeyLifetimeDays is the firm's maximum key lifetime in days; 0: none.
	MaxKeyLifetimeDays int `json:"maxKeyLifetimeDays"`
	// PartnerMaxKeyLifetimeDays is the partner keys' own maximum, in days; 0 or
	// absent: they follow MaxKeyLifetimeDays.
	PartnerMaxKeyLifetimeDays int `json:"partnerMaxKeyLifetimeDays,omitempty"`
	// AddressRequired lists the kinds of key (firm, partner) whose generation needs
	// an address restriction; absent in an answer: none; absent in a PUT: unchanged.
	AddressRequired *[]string `json:"addressRequired,omitempty"`
}

// FromPolicy converts a domain policy.
func FromPolicy(p service.KeyPolicy) Policy {
	var kinds []string
	if p.FirmAddressRequired {
		kinds = append(kinds, string(service.KindFirm))
	}
	if p.PartnerAddressRequired {
		kinds = append(kinds, string(service.KindPartner))
	}
	out := Policy{MaxKeyLifetimeDays: p.MaxLifetimeDays, PartnerMaxKeyLifetimeDays: p.PartnerMaxLifetimeDays}
	if len(kinds) > 0 {
		out.AddressRequired = &kinds
	}
	return out
}

// ToPolicy converts back to the domain.
func (p Policy) ToPolicy() service.KeyPolicy {
	out := service.KeyPolicy{MaxLifetimeDays: p.MaxKeyLifetimeDays, PartnerMaxLifetimeDays: p.PartnerMaxKeyLifetimeDays}
	if p.AddressRequired != nil {
		for _, k := range *p.AddressRequired {
			switch service.KeyKind(k) {
			case service.KindFirm:
				out.FirmAddressRequired = true
			case service.KindPartner:
				out.PartnerAddressRequired = true
			}
		}
	}
	return out
}

// DailyUse is one day of a key's uses.
type DailyUse struct {
	Day  time.Time `json:"day"`
	Uses int64     `json:"uses"`
}

// KeyDetails is the answer of GET /v1/keys/{id}.
type KeyDetails struct {
	Key      Key        `json:"key"`
	Uses     []DailyUse `json:"uses"`
	Refusals Refusals   `json:"refusals"`
}

// FromKeyDetails converts domain details.
func FromKeyDetails(d service.KeyDetails) KeyDetails {
	out := KeyDetails{Key: FromKey(d.Key), Uses: make([]DailyUse, 0, len(d.Uses)), Refusals: fromRefusals(d.Refusals)}
	for _, u := range d.Uses {
		out.Uses = append(out.Uses, DailyUse{Day: wire(u.Day), Uses: u.Uses})
	}
	return out
}

// ToKeyDetails converts back to the domain.
func (d KeyDetails) ToKeyDetails() service.KeyDetails {
	out := service.KeyDetails{Key: d.Key.ToKey(), Refusals: d.Refusals.toRefusals()}
	for _, u := range d.Uses {
		out.Uses = append(out.Uses, service.DailyUse{Day: u.Day, Uses: u.Uses})
	}
	return out
}

// KeyList is the answer of GET /v1/keys/expiring.
type KeyList struct {
	Keys []Key `json:"keys"`
}

// FromKeys converts domain keys.
func FromKeys(keys []service.Key) KeyList {
	out := KeyList{Keys: make([]Key, 0, len(keys))}
	for _, k := range keys {
		out.Keys = append(out.Keys, FromKey(k))
	}
	return out
}

// ToKeys converts back to the domain.
func (l KeyList) ToKeys() []service.Key {
	var out []service.Key
	for _, k := range l.Keys {
		out = append(out, k.ToKey())
	}
	return out
}
