package service

import "sesame/service/msg"

// The sentences of a key's life: expiry, renewal and grace periods, as codes of the
// message catalogue, like those of messages.go.
const (
	MsgExpiryInvalid     msg.Code = "expiry.invalid"
	MsgExpiryUnparseable msg.Code = "expiry.unparseable"
	// MsgDateForm is how a day is written, day first ("jj/mm/aaaa"), for localdate.Order.Placeholder.
	MsgDateForm           msg.Code = "expiry.date_form"
	MsgExpiryPast         msg.Code = "expiry.past"
	MsgExpiryRequired     msg.Code = "expiry.required"
	MsgExpiryTooFar       msg.Code = "expiry.too_far"
	MsgPolicyDays         msg.Code = "policy.days"
	MsgKeyExpired         msg.Code = "key.expired"
	MsgKeyRevokedRenew    msg.Code = "key.revoked_no_renewal"
	MsgKeyRenewedMeantime msg.Code = "key.renewed_meantime"
	MsgGraceInvalid       msg.Code = "grace.invalid"
	MsgNoGrace            msg.Code = "grace.none"
	MsgUnusedDays         msg.Code = "filter.unused_days"
)
