package service

import (
	"sesame/service/msg"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxKeyNameLength is the longest key name, in characters, once normalised.
const MaxKeyNameLength = 100

// ValidateKeyName checks a key name as typed: valid UTF-8, no control, format or
// bidirectional control characters between its ends, and 1 to 100 characters once
// normalised (NormalizeKeyName). Any other character, SQL or markup included, is kept
// and shown verbatim. It fits Fyne's Entry.Validator.
func ValidateKeyName(name string) error {
	typed := strings.TrimFunc(name, isSpace)
	name = NormalizeKeyName(name)
	switch {
	case !utf8.ValidString(typed):
		return FieldError("name", MsgKeyNameInvalid)
	case name == "":
		return FieldError("name", MsgKeyNameBlank)
	case utf8.RuneCountInString(name) > MaxKeyNameLength:
		return FieldError("name", MsgKeyNameTooLong)
	case hasInvisible(typed):
		return FieldError("name", MsgKeyNameInvisible)
	case hasControl(typed):
		return FieldError("name", MsgKeyNameControl)
	}
	return nil
}

// ValidateTiersCode checks a tiers code: 1 to 20 ASCII letters or digits.
func ValidateTiersCode(code string) error {
	code = strings.TrimSpace(code)
	if code == "" {
		return FieldError("code", MsgTiersCodeBlank)
	}
	if len(code) > 20 {
		return FieldError("code", MsgTiersCodeFormat)
	}
	for _, r := range code {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			return FieldError("code", MsgTiersCodeFormat)
		}
	}
	return nil
}

// ValidateSICCode checks a firm's SIC code as it is entered: its Cegid customer
// number, 1 to 20 ASCII digits. Codes stored before this rule are read as they are.
func ValidateSICCode(code string) error {
	code = strings.TrimSpace(code)
	if code == "" {
		return FieldError("code", MsgSICCodeBlank)
	}
	if len(code) > 20 || strings.IndexFunc(code, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return FieldError("code", MsgSICCodeFormat)
	}
	return nil
}

// labelMessages are the sentences that refuse one free-text label: blank, with
// invalid characters, too long.
type labelMessages struct{ required, invalid, tooLong msg.Code }

// The labels validateLabel checks.
var (
	firmNameLabel  = labelMessages{MsgFirmNameRequired, MsgFirmNameInvalid, MsgFirmNameTooLong}
	adminNameLabel = labelMessages{MsgAdminNameRequired, MsgAdminNameInvalid, MsgAdminNameTooLong}
	tiersNameLabel = labelMessages{MsgTiersNameRequired, MsgTiersNameInvalid, MsgTiersNameTooLong}
)

// validateLabel checks a free-text label such as a firm or person name.
func validateLabel(s string, m labelMessages, max int) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return FieldError("label", m.required)
	case !utf8.ValidString(s) || hasControl(s):
		return FieldError("label", m.invalid)
	case utf8.RuneCountInString(s) > max:
		return FieldError("label", m.tooLong)
	}
	return nil
}

func hasControl(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r) && r != '\u200d' {
			return true
		}
	}
	return false
}
