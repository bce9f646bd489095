package service

import (
	"strconv"
	"strings"
	"time"

	"sesame/internal/localdate"
	"sesame/service/msg"
)

// ExpiryWarning is how far ahead the desktop announces that keys will expire.
const ExpiryWarning = 30 * 24 * time.Hour

// ExpiryChoices are the lifetimes, in days, offered at generation besides "Jamais"
// and a date.
var ExpiryChoices = []int{30, 90, 180, 365}

// MaxPolicyDays bounds the firm's maximum key lifetime (100 years).
const MaxPolicyDays = 36500

// KeyPolicy is the firm's rule for the keys its administrators generate.
type KeyPolicy struct {
	MaxLifetimeDays int // 0: keys may live forever ("Jamais" is offered)
	// PartnerMaxLifetimeDays, when set, is the partner keys' maximum instead of
	// MaxLifetimeDays (ForKind); 0: they follow MaxLifetimeDays.
	PartnerMaxLifetimeDays int
	// FirmAddressRequired and PartnerAddressRequired refuse the generation of a key
	// of that kind without an address restriction (AddressRequired).
	FirmAddressRequired    bool
	PartnerAddressRequired bool
}

// MaxLifetime returns the policy's maximum lifetime; zero if there is none.
func (p KeyPolicy) MaxLifetime() time.Duration {
	return time.Duration(p.MaxLifetimeDays) * 24 * time.Hour
}

// Validate checks the policy's bounds.
func (p KeyPolicy) Validate() error {
	if p.MaxLifetimeDays < 0 || p.MaxLifetimeDays > MaxPolicyDays {
		return FieldError("maxKeyLifetime", MsgPolicyDays)
	}
	if p.PartnerMaxLifetimeDays < 0 || p.PartnerMaxLifetimeDays > MaxPolicyDays {
		return FieldError("partnerMaxKeyLifetime", MsgPartnerPolicyDays)
	}
	return nil
}

// ParseLifetime reads a maximum lifetime as the command line and the profile give
// it: "365d", "365", or "none" (also "0", "jamais") for no maximum.
func ParseLifetime(s string) (KeyPolicy, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "none", "aucune", "jamais", "0", "0d", "0j", "":
		return KeyPolicy{}, nil
	}
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(s, "j"), "d"))
	if err != nil || n <= 0 {
		return KeyPolicy{}, FieldError("maxKeyLifetime", MsgPolicyDays)
	}
	p := KeyPolicy{MaxLifetimeDays: n}
	return p, p.Validate()
}

// Expiry is when a key to be generated expires: after Days days counted by the
// Portal's clock, at instant At, or never when both are zero.
type Expiry struct {
	Days int
	At   time.Time
}

// Never reports whether the expiry is "Jamais".
func (e Expiry) Never() bool { return e.Days == 0 && e.At.IsZero() }

// clockSkew is how far a date chosen on the desktop may pass the policy's maximum,
// for a desktop clock ahead of the server's.
const clockSkew = 5 * time.Minute

// Resolve returns the instant the key expires (zero: never) given the Portal's clock
// and the firm's policy: EINVALID for both a number of days and a date, a date in the
// past, a negative number of days, "Jamais" when the firm sets a maximum, or a
// lifetime beyond that maximum.
func (e Expiry) Resolve(now time.Time, p KeyPolicy) (time.Time, error) {
	if e.Days != 0 && !e.At.IsZero() || e.Days < 0 || e.Days > MaxPolicyDays {
		return time.Time{}, FieldError("expiry", MsgExpiryInvalid)
	}
	at := e.At
	if e.Days > 0 {
		at = now.Add(time.Duration(e.Days) * 24 * time.Hour)
	}
	switch {
	case at.IsZero() && p.MaxLifetimeDays > 0:
		return time.Time{}, FieldError("expiry", MsgExpiryRequired)
	case at.IsZero():
		return time.Time{}, nil
	case !at.After(now):
		return time.Time{}, FieldError("expiry", MsgExpiryPast)
	case p.MaxLifetimeDays > 0 && at.After(now.Add(p.MaxLifetime()+clockSkew)):
		return time.Time{}, FieldError("expiry", MsgExpiryTooFar)
	}
	return at, nil
}

// ParseExpiryDate reads a date typed in the order of the user's locale (localdate:
// dd/mm/yyyy, or mm/dd/yyyy in the United States; also with one digit, - or ., and
// yyyy-mm-dd): the key expires at 00:00 that day, in loc. Its refusal names the
// expected form in that order.
func ParseExpiryDate(s string, loc *time.Location) (time.Time, error) {
	t, err := localdate.Current().Parse(s, loc)
	if err != nil {
		e := FieldError("expiry", MsgExpiryUnparseable)
		e.Params = msg.Params{"Format": localdate.Current().Placeholder(msg.T(MsgDateForm, nil))}
		return time.Time{}, e
	}
	return t, nil
}
