package service

import "time"

// Grace is how long the old secret of a renewed key keeps working.
type Grace string

// The grace periods offered by "Renouveler le secret".
const (
	GraceNone     Grace = "none"      // aucune: the old secret stops at once
	GraceHour     Grace = "1h"        // 1 h
	GraceDay      Grace = "24h"       // 24 h
	GraceWeek     Grace = "7d"        // 7 jours
	GraceFirstUse Grace = "first-use" // until the new secret's first use, plus FirstUseGrace
)

// Graces lists the grace periods in the order the dialog offers them.
var Graces = []Grace{GraceNone, GraceHour, GraceDay, GraceWeek, GraceFirstUse}

// FirstUseGrace is how long the old secret survives the new one's first use.
const FirstUseGrace = 24 * time.Hour

// Duration returns the grace's fixed length; ok is false for GraceFirstUse and for
// an unknown grace.
func (g Grace) Duration() (d time.Duration, ok bool) {
	switch g {
	case GraceNone:
		return 0, true
	case GraceHour:
		return time.Hour, true
	case GraceDay:
		return 24 * time.Hour, true
	case GraceWeek:
		return 7 * 24 * time.Hour, true
	}
	return 0, false
}

// Valid reports whether g is one of Graces.
func (g Grace) Valid() bool {
	_, fixed := g.Duration()
	return fixed || g == GraceFirstUse
}

// RenewRequest asks for a new secret for an active key. Version, when not zero, is
// the key's secret version the administrator saw: if someone renewed it since, the
// renewal is refused (ECONFLICT) instead of replacing a secret nobody has seen.
type RenewRequest struct {
	KeyID   string
	Grace   Grace
	Version int
}

// OldSecret is the previous secret of a renewed key while its grace period lasts.
type OldSecret struct {
	Until        time.Time // end of the grace; zero while waiting for the new secret's first use
	LastUsedAt   time.Time // zero if not used since the renewal
	LastUsedFrom string    // the client address of that use
}

// Live reports whether the old secret still authenticates at instant now.
func (o *OldSecret) Live(now time.Time) bool {
	return o != nil && (o.Until.IsZero() || now.Before(o.Until))
}
