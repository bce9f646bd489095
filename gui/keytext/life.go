package keytext

import (
	"time"

	"fyne.io/fyne/v2/lang"

	"sesame/internal/localdate"
	"sesame/service"
)

// DateLayout is how the keys page writes a date and time, in local time, in the
// order of the user's locale (localdate).
func DateLayout() string { return localdate.Current().DateTimeLayout() }

// Since says how long ago t was, as the "Dernière utilisation" column does:
// "jamais", "à l'instant", "il y a 12 min", "il y a 3 h", "il y a 5 j".
func Since(t, now time.Time) string {
	if t.IsZero() {
		return lang.L("ui.jamais")
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return lang.L("ui.instant")
	case d < time.Hour:
		return lang.L("ui.min", map[string]any{"N": int(d / time.Minute)})
	case d < 24*time.Hour:
		return lang.L("ui.h", map[string]any{"N": int(d / time.Hour)})
	}
	return lang.L("ui.j", map[string]any{"N": int(d / (24 * time.Hour))})
}

// Expires is the "Expire le" column: the date, or "Jamais". A key that lives through
// a day it was given (it expires at the next midnight) reads "17/12/2026 24:00".
func Expires(k service.Key) string {
	if k.ExpiresAt.IsZero() {
		return lang.L("ui.jamais_2")
	}
	at := k.ExpiresAt.Local()
	if at.Hour() == 0 && at.Minute() == 0 && at.Second() == 0 && at.Nanosecond() == 0 {
		return at.AddDate(0, 0, -1).Format(localdate.Current().DateLayout()) + " 24:00"
	}
	return at.Format(DateLayout())
}

// ExpiresUnder is Expires, flagged when an active key outlives the firm's maximum
// lifetime p (set after it was made): it keeps its expiry, and the firm sees it.
func ExpiresUnder(k service.Key, p service.KeyPolicy) string {
	s := Expires(k)
	if p.MaxLifetimeDays > 0 && k.Status == service.StatusActive &&
		(k.ExpiresAt.IsZero() || k.ExpiresAt.Sub(k.CreatedAt) > p.MaxLifetime()+time.Hour) {
		s += " — " + lang.L("ui.au_dela_maximum_cabinet")
	}
	return s
}

// EndOfDay is the instant a key given day (00:00 that day) expires: the next
// midnight, so that it lives through the day chosen.
func EndOfDay(day time.Time) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, day.Location())
}

// LastExpiryDay is the last day a key made at now may be given under a maximum
// lifetime of maxDays: the last one whose end comes before the maximum's.
func LastExpiryDay(now time.Time, maxDays int) time.Time {
	end := now.AddDate(0, 0, maxDays)
	return time.Date(end.Year(), end.Month(), end.Day()-1, 0, 0, 0, 0, end.Location())
}

// Grace says what a renewed key's old secret does: "ancien secret valable
// jusqu'au …", "en attente du premier usage du nouveau secret", or "" when it has
// none.
func Grace(k service.Key) string {
	switch {
	case k.OldSecret == nil || k.Status != service.StatusActive:
		return ""
	case k.OldSecret.Until.IsZero():
		return lang.L("ui.attente_premier_usage_nouveau_secret")
	}
	return lang.L("ui.ancien_secret_valable_jusqu_date", map[string]any{"Date": k.OldSecret.Until.Local().Format(DateLayout())})
}

// Status is a key status as the table shows it.
func Status(s service.KeyStatus) string {
	switch s {
	case service.StatusRevoked:
		return lang.L("ui.revoquee")
	case service.StatusExpired:
		return lang.L("ui.expiree")
	case service.StatusSuspended:
		return lang.L("ui.suspendue")
	case service.StatusPending:
		return lang.L("ui.en_attente") // the badge's word; the details say « En attente de remise »
	}
	return lang.L("ui.active")
}

// Statuses are the texts of every status: Active, En attente de remise, Suspendue,
// Expirée, Révoquée.
func Statuses() []string {
	return []string{Status(service.StatusActive), Status(service.StatusPending), Status(service.StatusSuspended), Status(service.StatusExpired), Status(service.StatusRevoked)}
}

// StatusLine is the status and what the old secret does, as the details say it.
func StatusLine(k service.Key) string {
	if k.Status == service.StatusPending {
		return lang.L("ui.en_attente_remise")
	}
	if g := Grace(k); g != "" {
		return Status(k.Status) + " — " + g
	}
	return Status(k.Status)
}

// GraceChoice is how the renewal dialog names a grace period.
func GraceChoice(g service.Grace) string {
	switch g {
	case service.GraceNone:
		return lang.L("ui.aucune_ancien_secret_cesse_tout")
	case service.GraceHour:
		return lang.L("ui.1_h")
	case service.GraceDay:
		return lang.L("ui.24_h")
	case service.GraceWeek:
		return lang.L("ui.7_jours")
	}
	return lang.L("ui.jusqu_premier_usage_nouveau_secret")
}

// Graces are the grace periods a renewal offers, and the one it selects at first:
// where no use is recorded (local mode), the grace that waits for the new secret's
// first use would wait forever, and is not offered.
func Graces(tracksUse bool) (graces []service.Grace, def service.Grace) {
	if tracksUse {
		return service.Graces, service.GraceFirstUse
	}
	for _, g := range service.Graces {
		if g != service.GraceFirstUse {
			graces = append(graces, g)
		}
	}
	return graces, service.GraceDay
}
