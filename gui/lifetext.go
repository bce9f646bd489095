package gui

import (
	"time"

	"fyne.io/fyne/v2/lang"

	"sesame/service"
)

// clock is the GUI's time: what "il y a 3 h", the expiry choices and the warnings
// are reckoned from. Tests set a fake one.
var clock = time.Now

// sinceText says how long ago t was, as the "Dernière utilisation" column does:
// "jamais", "à l'instant", "il y a 12 min", "il y a 3 h", "il y a 5 j".
func sinceText(t, now time.Time) string {
	if t.IsZero() {
		return lang.L("jamais")
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return lang.L("à l'instant")
	case d < time.Hour:
		return lang.L("il y a {{.N}} min", map[string]any{"N": int(d / time.Minute)})
	case d < 24*time.Hour:
		return lang.L("il y a {{.N}} h", map[string]any{"N": int(d / time.Hour)})
	}
	return lang.L("il y a {{.N}} j", map[string]any{"N": int(d / (24 * time.Hour))})
}

// expiresText is the "Expire le" column: the date, or "Jamais".
func expiresText(k service.Key) string {
	if k.ExpiresAt.IsZero() {
		return lang.L("Jamais")
	}
	return k.ExpiresAt.Local().Format(dateLayout)
}

// graceText says what a renewed key's old secret does: "ancien secret valable
// jusqu'au …", "en attente du premier usage du nouveau secret", or "" when it has
// none.
func graceText(k service.Key) string {
	switch {
	case k.OldSecret == nil || k.Status != service.StatusActive:
		return ""
	case k.OldSecret.Until.IsZero():
		return lang.L("en attente du premier usage du nouveau secret")
	}
	return lang.L("ancien secret valable jusqu'au {{.Date}}", map[string]any{"Date": k.OldSecret.Until.Local().Format(dateLayout)})
}

// statusText is a key status as the table shows it.
func statusText(s service.KeyStatus) string {
	switch s {
	case service.StatusRevoked:
		return lang.L("Révoquée")
	case service.StatusExpired:
		return lang.L("Expirée")
	}
	return lang.L("Active")
}

// statusTexts are the texts of every status, widest first or not.
func statusTexts() []string {
	return []string{statusText(service.StatusActive), statusText(service.StatusExpired), statusText(service.StatusRevoked)}
}

// statusCell is the status and what the old secret does, as the details say it.
func statusCell(k service.Key) string {
	if g := graceText(k); g != "" {
		return statusText(k.Status) + " — " + g
	}
	return statusText(k.Status)
}

// lifeCellText is what the columns of a key's life show: "Expire le", "Dernière
// utilisation" (local mode says it is not tracked), "Ancien secret".
func (t *keyTable) lifeCellText(k service.Key, col int) string {
	switch col {
	case 4:
		return expiresText(k)
	case lastUseColumn:
		if t.backend.session == nil {
			return lang.L("non suivie en mode local")
		}
		return sinceText(k.LastUsedAt, clock())
	case graceColumn:
		return graceText(k)
	}
	return ""
}

// graceLabel is how the renewal dialog names a grace period.
func graceLabel(g service.Grace) string {
	switch g {
	case service.GraceNone:
		return lang.L("Aucune : l'ancien secret cesse tout de suite")
	case service.GraceHour:
		return lang.L("1 h")
	case service.GraceDay:
		return lang.L("24 h")
	case service.GraceWeek:
		return lang.L("7 jours")
	}
	return lang.L("Jusqu'au premier usage du nouveau secret, plus 24 h")
}
