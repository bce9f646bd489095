package api

import (
	"time"

	"sesame/service"
)

// Restrictions are a key's restrictions on the wire: allowed addresses and ranges
// (empty or absent: anywhere), read-only, and a rate per minute with its burst (0 or
// absent: no limit; a burst of 0 is the rate's).
type Restrictions struct {
	Addresses     []string `json:"addresses,omitempty"`
	ReadOnly      bool     `json:"readOnly,omitempty"`
	RatePerMinute int      `json:"ratePerMinute,omitempty"`
	Burst         int      `json:"burst,omitempty"`
}

// FromRestrictions converts a key's restrictions; nil when they restrict nothing.
func FromRestrictions(r service.Restrictions) *Restrictions {
	if r.IsZero() {
		return nil
	}
	return FromRestrictionsInput(r.Input())
}

// FromRestrictionsInput converts restrictions as typed; nil when empty.
func FromRestrictionsInput(in service.RestrictionsInput) *Restrictions {
	if len(in.Addresses) == 0 && !in.ReadOnly && in.RatePerMinute == 0 && in.Burst == 0 {
		return nil
	}
	return &Restrictions{Addresses: in.Addresses, ReadOnly: in.ReadOnly, RatePerMinute: in.RatePerMinute, Burst: in.Burst}
}

// ToInput is r as typed, for the server to check (service.NormalizeRestrictions).
func (r *Restrictions) ToInput() service.RestrictionsInput {
	if r == nil {
		return service.RestrictionsInput{}
	}
	return service.RestrictionsInput{Addresses: r.Addresses, ReadOnly: r.ReadOnly, RatePerMinute: r.RatePerMinute, Burst: r.Burst}
}

// toRestrictions reads a key's restrictions back; what does not parse is dropped
// (the server sent it normalized).
func (r *Restrictions) toRestrictions() service.Restrictions {
	out, err := service.NormalizeRestrictions(r.ToInput())
	if err != nil {
		return service.Restrictions{}
	}
	return out
}

// RestrictRequest is the body of PUT /v1/keys/{id}/restrictions: the restrictions
// that replace the key's, and the version of them the caller saw
// (restrictionsVersion of the key), which the server requires (428 without it) so
// that two administrators never overwrite each other unseen.
type RestrictRequest struct {
	Version      *int          `json:"version"`
	Restrictions *Restrictions `json:"restrictions"`
}

// Refusals is what a key's restrictions refused: today (UTC), in all, and the last
// refusal's instant and address.
type Refusals struct {
	Today    int64      `json:"today"`
	Total    int64      `json:"total"`
	LastAt   *time.Time `json:"lastAt,omitempty"`
	LastFrom string     `json:"lastFrom,omitempty"`
}

func fromRefusals(r service.Refusals) Refusals {
	return Refusals{Today: r.Today, Total: r.Total, LastAt: timePtr(r.LastAt), LastFrom: r.LastFrom}
}

func (r Refusals) toRefusals() service.Refusals {
	return service.Refusals{Today: r.Today, Total: r.Total, LastAt: timeVal(r.LastAt), LastFrom: r.LastFrom}
}
