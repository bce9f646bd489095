package service

import (
	"net/http"
	"net/netip"
	"time"

	"sesame/service/msg"
)

// Refusal is why a key whose secret matched was refused by its restrictions, in the
// machine-readable words every path answers with. It names the rule broken, never
// the key's settings.
type Refusal string

// The refusals of a key's restrictions.
const (
	RefusalAddress  Refusal = "address_not_allowed" // the client's address is outside the allowed ones
	RefusalReadOnly Refusal = "read_only"           // a method other than GET, HEAD or OPTIONS
	RefusalRate     Refusal = "rate_limited"        // beyond the rate per minute and its burst
)

// The sentences of the refusals, as codes of the message catalogue.
const (
	MsgRefusedAddress  msg.Code = "restrict.refused_address"
	MsgRefusedReadOnly msg.Code = "restrict.refused_read_only"
	MsgRefusedRate     msg.Code = "restrict.refused_rate"
)

// AllowsAddress reports whether a request from addr may use the key: no address
// restriction, or addr inside one of the allowed networks. An address that cannot
// be read is refused when there is a restriction.
func (r Restrictions) AllowsAddress(addr netip.Addr) bool {
	if len(r.Addresses) == 0 {
		return true
	}
	addr = addr.Unmap()
	if addr.Is4() {
		// The common case, on every request: four bytes as one number, each range
		// a mask and a compare.
		a4 := addr.As4()
		a := uint32(a4[0])<<24 | uint32(a4[1])<<16 | uint32(a4[2])<<8 | uint32(a4[3])
		for _, p := range r.Addresses {
			if pa := p.Addr(); pa.Is4() {
				b := pa.As4()
				base := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
				mask := ^uint32(0) << (32 - p.Bits())
				if p.Bits() == 0 {
					mask = 0
				}
				if a&mask == base {
					return true
				}
			}
		}
		return false
	}
	addr = addr.WithZone("")
	for _, p := range r.Addresses {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// AllowsMethod reports whether a request with this HTTP method may use the key: any
// method unless read-only, then GET, HEAD and OPTIONS only.
func (r Restrictions) AllowsMethod(method string) bool {
	if !r.ReadOnly {
		return true
	}
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return true
	}
	return false
}

// CheckRequest applies the address and method rules of r to a request (the rate is
// the caller's, which keeps the counts): the first refusal, or "".
func (r Restrictions) CheckRequest(method string, addr netip.Addr) Refusal {
	switch {
	case !r.AllowsAddress(addr):
		return RefusalAddress
	case !r.AllowsMethod(method):
		return RefusalReadOnly
	}
	return ""
}

// Refusals is what a key's details show of the requests its restrictions refused:
// today's count (UTC day), the count since the key was made, and the last one.
type Refusals struct {
	Today    int64
	Total    int64
	LastAt   time.Time // zero: never refused
	LastFrom string
}

// RestrictRequest asks to change a key's restrictions, from the version the
// administrator saw (Key.RestrictionsVersion): a change made meanwhile by someone
// else wins, and this one is refused (ECONFLICT, MsgRestrictChangedMeantime).
type RestrictRequest struct {
	KeyID        string
	FromVersion  int
	Restrictions RestrictionsInput
}

// Message is the sentence of a refusal.
func (r Refusal) Message() msg.Code {
	switch r {
	case RefusalAddress:
		return MsgRefusedAddress
	case RefusalReadOnly:
		return MsgRefusedReadOnly
	}
	return MsgRefusedRate
}
