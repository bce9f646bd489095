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
