package keytext

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"

	"sesame/internal/localdate"
	"sesame/service"
)

// SameCriteria reports whether two filters select the same keys.
func SameCriteria(a, b service.KeyFilter) bool {
	return a.Tiers == b.Tiers && a.Service == b.Service && slices.Equal(a.Statuses, b.Statuses) &&
		strings.TrimSpace(a.NameContains) == strings.TrimSpace(b.NameContains) &&
		a.ExpiresBefore.Equal(b.ExpiresBefore) && a.UnusedDays == b.UnusedDays && a.NoExpiry == b.NoExpiry && a.GraceOverDays == b.GraceOverDays &&
		a.Kind == b.Kind && strings.TrimSpace(a.PartnerContains) == strings.TrimSpace(b.PartnerContains)
}

// Summary is the one line that sums up the criteria f, whose tiers and
// service read as tiers and svc.
func Summary(f service.KeyFilter, tiers, svc string) string {
	var statuses []string
	for _, st := range f.Statuses {
		statuses = append(statuses, Status(st))
	}
	status := strings.Join(statuses, ", ")
	if len(statuses) == 0 {
		status = lang.L("ui.aucun")
	}
	parts := []string{tiers, svc, status}
	if n := strings.TrimSpace(f.NameContains); n != "" {
		parts = append(parts, lang.L("ui.nom_contenant", map[string]any{"Name": n}))
	}
	switch f.Kind {
	case service.KindFirm:
		parts = append(parts, lang.L("ui.cles_du_cabinet"))
	case service.KindPartner:
		if n := strings.TrimSpace(f.PartnerContains); n != "" {
			parts = append(parts, lang.L("ui.partenaire_contenant", map[string]any{"Name": n}))
		} else {
			parts = append(parts, lang.L("ui.cles_partenaires"))
		}
	}
	if !f.ExpiresBefore.IsZero() {
		parts = append(parts, lang.L("ui.expire_avant_date", map[string]any{"Date": f.ExpiresBefore.Format(localdate.Current().DateLayout())}))
	}
	if f.NoExpiry {
		parts = append(parts, lang.L("ui.sans_date_expiration_resume"))
	}
	if f.GraceOverDays > 0 {
		parts = append(parts, lang.N("ui.ancien_secret_plus_jours_resume", f.GraceOverDays, map[string]any{"N": f.GraceOverDays}))
	}
	if f.UnusedDays > 0 {
		parts = append(parts, lang.N("ui.inutilisee_depuis_plus_jours", f.UnusedDays, map[string]any{"N": f.UnusedDays}))
	}
	return strings.Join(parts, " · ")
}

// HidesNone reports whether f hides no key of its tiers and service: every status,
// any name, any expiry (or none), any use, any grace. An empty table under such criteria means that the
// tiers has no key for the service yet.
func HidesNone(f service.KeyFilter) bool {
	for _, st := range []service.KeyStatus{service.StatusActive, service.StatusPending, service.StatusSuspended, service.StatusExpired, service.StatusRevoked} {
		if !slices.Contains(f.Statuses, st) {
			return false
		}
	}
	return strings.TrimSpace(f.NameContains) == "" && f.ExpiresBefore.IsZero() && !f.NoExpiry && f.GraceOverDays == 0 && f.UnusedDays == 0 && f.Kind == ""
}
