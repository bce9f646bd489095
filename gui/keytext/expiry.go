package keytext

import (
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2/lang"

	"sesame/service"
)

// WarnLimit is the end of the warning window: 00:00, local time, of the day 30
// days from now's.
func WarnLimit(now time.Time) time.Time {
	y, m, d := now.Date()
	return time.Date(y, m, d+30, 0, 0, 0, 0, now.Location())
}

// ExpiringBefore keeps the keys of ks that expire before limit (and, if tiers or svc
// is set, belong to them).
func ExpiringBefore(ks []service.Key, limit time.Time, tiers, svc string) []service.Key {
	var out []service.Key
	for _, k := range ks {
		if k.ExpiresAt.Before(limit) && (tiers == "" || k.Tiers == tiers) && (svc == "" || k.Service == svc) {
			out = append(out, k)
		}
	}
	return out
}

// Days is a lifetime as the expiry choices say it: "90 jours".
func Days(d int) string {
	return lang.N("ui.jours_2", d, map[string]any{"N": strconv.Itoa(d)})
}

// ExpiryDays are the lifetimes a new key is offered under a firm maximum of maxDays
// (0: none): the usual choices up to it, and the maximum itself.
func ExpiryDays(maxDays int) []int {
	var out []int
	for _, d := range service.ExpiryChoices {
		if maxDays == 0 || d <= maxDays {
			out = append(out, d)
		}
	}
	if maxDays > 0 && !slices.Contains(out, maxDays) {
		out = append(out, maxDays)
	}
	return out
}
