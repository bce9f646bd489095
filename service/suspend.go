package service

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"sesame/service/msg"
)

// The sentences of suspending and resuming a key, as codes of the message catalogue.
const (
	MsgSuspendReasonBlank   msg.Code = "suspend.reason_blank"
	MsgSuspendReasonTooLong msg.Code = "suspend.reason_too_long"
	MsgKeySuspended         msg.Code = "key.suspended"
	MsgKeyNotSuspended      msg.Code = "key.not_suspended"
	MsgKeyNotActive         msg.Code = "key.not_active"
	MsgKeySuspendedRenew    msg.Code = "key.suspended_no_renewal"
)

// MaxSuspendReason is the longest reason a suspension or a resumption may give, in
// characters.
const MaxSuspendReason = 500

// SuspendRequest asks to suspend or resume a key, saying why: the reason goes to the
// journal.
type SuspendRequest struct {
	KeyID  string
	Reason string
}

// NormalizeReason trims a suspension's reason and checks it: EINVALID when it is
// blank or longer than MaxSuspendReason; control characters become spaces.
func NormalizeReason(reason string) (string, error) {
	reason = strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, reason))
	switch {
	case reason == "":
		return "", FieldError("reason", MsgSuspendReasonBlank)
	case utf8.RuneCountInString(reason) > MaxSuspendReason:
		return "", FieldError("reason", MsgSuspendReasonTooLong)
	}
	return reason, nil
}
