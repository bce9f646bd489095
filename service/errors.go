package service

import (
	"errors"
	"fmt"
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

// Error is a domain error: a code, a French sentence for the user (also the key of its
// translation), the form field it concerns if any, and the cause for the log. The
// message never contains a secret.
type Error struct {
	Code    string
	Field   string // "name", "sic", … when the error belongs next to one field
	Message string
	Err     error // cause, for the log only
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return e.Code + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an Error with a user-facing message; cause may be nil.
func Errorf(code, message string, cause error) *Error {
	return &Error{Code: code, Message: message, Err: cause}
}

// FieldError builds an EINVALID Error that belongs next to a form field.
func FieldError(field, message string) *Error {
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

// ErrorMessage returns the French sentence to show for err: its own for an Error, a
// generic one for anything else (whose cause belongs in the log, not on screen).
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Message != "" {
		return e.Message
	}
	return MsgUnexpected
}

// MessageFor returns the sentence for an error code that came without one (a
// proxy's error page, say).
func MessageFor(code string) string {
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
