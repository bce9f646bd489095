package service

import (
	"errors"
	"fmt"

	"golang.org/x/text/language"

	"sesame/service/msg"
)

// Error codes: what kind of failure an error is, so that the GUI, the HTTP server and
// the remote client can each answer it their own way (a sentence, a status, a retry).
const (
	EINVALID      = "invalid"       // bad input: the user can correct it
	ENOTFOUND     = "not_found"     // no such thing, or not one the caller may see
	ECONFLICT     = "conflict"      // e.g. an active key already has that name
	EUNAUTHORIZED = "unauthorized"  // not signed in, or the session has ended
	EFORBIDDEN    = "forbidden"     // signed in, but not allowed
	ERATELIMITED  = "rate_limited"  // too many attempts; try again later
	EUNAVAILABLE  = "unavailable"   // a server or the store cannot be reached now
	ENOPROFILE    = "no_profile"    // local mode: the firm profile is not created yet
	EREADONLY     = "read_only"     // the store's file cannot be written
	ELOCKED       = "locked"        // the store is locked by another process
	ECORRUPT      = "corrupt"       // the store's file is damaged or not a Sésame file
	ENEWER        = "newer_version" // the store was written by a newer Sésame
	EFULL         = "disk_full"     // no room left to write
	EINTERNAL     = "internal"      // anything else: a bug, logged with its cause
)

// Error is a domain error: its kind (Code), the message code of the sentence the user
// reads and the parameters that fill it, the form field it concerns if any, and the
// cause for the log. The sentence is rendered in the reader's language (Text); neither
// it nor its parameters ever contain a secret.
type Error struct {
	Code    string
	Field   string     // "name", "sic", … when the error belongs next to one field
	Message msg.Code   // the sentence, as a code of the catalogue
	Params  msg.Params // what fills the sentence's placeholders, if it has any
	Err     error      // cause, for the log only
}

// Error is the kind, the message code and the cause, for the log.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return e.Code + ": " + string(e.Message)
}

// Text is the error's sentence in lang.
func (e *Error) Text(lang language.Tag) string {
	if e.Message == "" {
		return msg.Text(MsgUnexpected, lang, nil)
	}
	return msg.Text(e.Message, lang, e.Params)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an Error with the code of its user-facing sentence; cause may be nil.
func Errorf(code string, message msg.Code, cause error) *Error {
	return &Error{Code: code, Message: message, Err: cause}
}

// FieldError builds an EINVALID Error that belongs next to a form field.
func FieldError(field string, message msg.Code) *Error {
	return &Error{Code: EINVALID, Field: field, Message: message}
}

// ErrorCode returns the code of the first Error in err's chain, EINTERNAL for any other
// error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message code of the sentence to show for err: its own for
// an Error, a generic one for anything else (whose cause belongs in the log, not on
// screen).
func ErrorMessage(err error) msg.Code {
	var e *Error
	if errors.As(err, &e) && e.Message != "" {
		return e.Message
	}
	return MsgUnexpected
}

// ErrorParams returns the parameters of err's sentence, nil when it has none.
func ErrorParams(err error) msg.Params {
	var e *Error
	if errors.As(err, &e) && e.Message != "" {
		return e.Params
	}
	return nil
}

// ErrorText returns the sentence to show for err in lang (see ErrorMessage).
func ErrorText(err error, lang language.Tag) string {
	return msg.Text(ErrorMessage(err), lang, ErrorParams(err))
}

// MessageFor returns the message code for an error kind that came without one (a
// proxy's error page, say).
func MessageFor(code string) msg.Code {
	switch code {
	case EUNAUTHORIZED:
		return MsgUnauthorized
	case EFORBIDDEN:
		return MsgForbidden
	case ERATELIMITED:
		return MsgRateLimited
	case EUNAVAILABLE:
		return MsgUnavailable
	case EREADONLY:
		return MsgStoreReadOnly
	case ELOCKED:
		return MsgStoreLocked
	case ECORRUPT:
		return MsgStoreCorrupt
	case ENEWER:
		return MsgStoreNewer
	case EFULL:
		return MsgStoreFull
	case ENOPROFILE:
		return MsgNoProfile
	}
	return MsgUnexpected
}

// ErrorField returns the form field err belongs to, or "".
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
