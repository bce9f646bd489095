package service

import (
	"time"

	"sesame/service/msg"
)

// The sentences of the firm's rule for partner keys, as codes of the message
// catalogue: they name the rule and its number of days.
const (
	MsgPartnerExpiryRequired msg.Code = "expiry.partner_required"
	MsgPartnerExpiryTooFar   msg.Code = "expiry.partner_too_far"
	MsgPartnerPolicyDays     msg.Code = "policy.partner_days"
)

// ForKind is the policy that applies to a key of kind k: the partner keys' maximum
// when the firm sets one and k is KindPartner, the firm's maximum otherwise.
func (p KeyPolicy) ForKind(k KeyKind) KeyPolicy {
	if k == KindPartner && p.PartnerMaxLifetimeDays > 0 {
		return KeyPolicy{MaxLifetimeDays: p.PartnerMaxLifetimeDays}
	}
	return KeyPolicy{MaxLifetimeDays: p.MaxLifetimeDays}
}

// ResolveFor is Resolve under the rule for a key of kind k (ForKind); a refusal by
// the partner keys' own maximum names it, with its number of days (Params N).
func (e Expiry) ResolveFor(now time.Time, p KeyPolicy, k KeyKind) (time.Time, error) {
	at, err := e.Resolve(now, p.ForKind(k))
	if err == nil || k != KindPartner || p.PartnerMaxLifetimeDays == 0 {
		return at, err
	}
	code := ErrorMessage(err)
	switch code {
	case MsgExpiryRequired:
		code = MsgPartnerExpiryRequired
	case MsgExpiryTooFar:
		code = MsgPartnerExpiryTooFar
	default:
		return at, err
	}
	return at, &Error{Code: EINVALID, Field: "expiry", Message: code, Params: msg.Params{"N": p.PartnerMaxLifetimeDays}}
}

// The sentences of the firm's rule that a kind of key needs an address restriction.
const (
	MsgFirmAddressRequired    msg.Code = "policy.firm_address_required"
	MsgPartnerAddressRequired msg.Code = "policy.partner_address_required"
)

// AddressRequired reports whether the firm requires an address restriction on keys
// of kind k.
func (p KeyPolicy) AddressRequired(k KeyKind) bool {
	if k == KindPartner {
		return p.PartnerAddressRequired
	}
	return p.FirmAddressRequired
}

// CheckAddressRule refuses restrictions without allowed addresses on a key of kind k
// when the firm requires them, with a sentence that names the rule.
func (p KeyPolicy) CheckAddressRule(k KeyKind, r Restrictions) error {
	if len(r.Addresses) > 0 || !p.AddressRequired(k) {
		return nil
	}
	if k == KindPartner {
		return FieldError("restrictions.addresses", MsgPartnerAddressRequired)
	}
	return FieldError("restrictions.addresses", MsgFirmAddressRequired)
}
