package sqlstore

import (
	"time"

	"sesame/service"
)

// "Expirée", or "Expire avant le", sorted by creation, newest first (as the keys page
// opens): no key expires before it has lived a while, so a walk of the creation index
// from the newest key passes every key too young to match before the first that does
// (100,000 keys with lifetimes of one to three years: a third of them). Two things
// shorten that walk:
//   - the index of the active keys that have an expiry, in creation order (00045),
//     leaves out the keys without expiry and the revoked ones, and holds the expiry;
//   - a key that expires before an instant was created before that instant less the
//     shortest lifetime of the tiers and service's keys, which an index of lifetimes
//     gives at once (00046): the walk starts there.

// expiryBound returns the instant before which every key f lists expires, when f
// lists by creation only active keys with an expiry (judged "Active" or "Expirée")
// before such an instant; ok is false otherwise.
func expiryBound(f service.KeyFilter) (at time.Time, ok bool) {
	if f.Sort != service.SortCreatedAt || f.NameContains != "" || len(f.Statuses) == 0 || containsStatus(f.Statuses, service.StatusRevoked) {
		return time.Time{}, false
	}
	onlyExpired := len(f.Statuses) == 1 && f.Statuses[0] == service.StatusExpired
	switch {
	case onlyExpired && (f.ExpiresBefore.IsZero() || f.Now.Before(f.ExpiresBefore)):
		return f.Now, true
	case !f.ExpiresBefore.IsZero():
		return f.ExpiresBefore, true
	}
	return time.Time{}, false
}

// expiryTerms returns the key-life terms (lifeConditions) of such a listing
// with its status term written as the index's own condition, so that the database may
// use it (the term's argument, if any, stays the instant judged at), and the bound on
// the creation instant, with their arguments.
func expiryTerms(f service.KeyFilter, before time.Time, where []string, args []any) ([]string, []any) {
	out := append([]string{}, where...)
	switch {
	case !containsStatus(f.Statuses, service.StatusActive): // "Expirée"
		out[0] = "status = 'active' AND expires_at IS NOT NULL AND +expires_at <= ?"
	case !containsStatus(f.Statuses, service.StatusExpired): // "Active", an expiry
		out[0] = "status = 'active' AND expires_at IS NOT NULL AND +expires_at > ?"
	default:
		out[0] = "status = 'active' AND expires_at IS NOT NULL"
	}
	out = append(out, `created_at <= ? - COALESCE((SELECT expires_at - created_at FROM api_keys
		WHERE tiers_code = ? AND service_id = ? AND status = 'active' AND expires_at IS NOT NULL
		ORDER BY expires_at - created_at LIMIT 1), 0)`)
	return out, append(append([]any{}, args...), before.UnixMicro(), f.Tiers, f.Service)
}

// expiredFrom is the FROM of such a listing.
func (s *Store) expiredFrom() string {
	if s.d.ExpiredFrom != "" {
		return s.d.ExpiredFrom
	}
	return "api_keys"
}
