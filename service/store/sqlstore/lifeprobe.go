package sqlstore

import (
	"context"
	"strings"
	"time"

	"sesame/service"
)

// lifeProbeMax is the most matches of a key-life criterion for which ListKeys fetches
// the keys by ID; past it, the criterion is common and the sorted scan finds a page of
// matches quickly.
const lifeProbeMax = 2000

// hasLifeCriterion reports whether f has a criterion that an index of its own serves:
// "Expirée" alone or with "Révoquée", "Expire avant le", "Inutilisée depuis".
func hasLifeCriterion(f service.KeyFilter) bool {
	onlyExpired := len(f.Statuses) > 0 && !containsStatus(f.Statuses, service.StatusActive)
	return !f.ExpiresBefore.IsZero() || f.UnusedDays > 0 || onlyExpired && containsStatus(f.Statuses, service.StatusExpired)
}

func containsStatus(st []service.KeyStatus, s service.KeyStatus) bool {
	for _, x := range st {
		if x == s {
			return true
		}
	}
	return false
}

// lifeConditions are the WHERE terms of the status and key-life criteria. With
// unindexed, the columns are written "+col" for numbers, and status concatenated
// with an empty string (PostgreSQL has no unary plus for text), which keeps SQLite (and PostgreSQL) from choosing their
// indexes: the caller knows the criterion is common.
func lifeConditions(f service.KeyFilter, unindexed bool) ([]string, []any) {
	var where []string
	var args []any
	cond, condArgs := statusCondition(f.Statuses, f.Now)
	plus := ""
	if unindexed {
		plus = "+"
	}
	if cond != "" {
		if unindexed {
			cond = strings.NewReplacer("expires_at", "+expires_at", "status =", "status || '' =").Replace(cond)
		}
		where = append(where, cond)
		args = append(args, condArgs...)
	}
	if !f.ExpiresBefore.IsZero() {
		where = append(where, plus+"expires_at < ?")
		args = append(args, f.ExpiresBefore.UnixMicro())
		if len(f.Statuses) == 1 && f.Statuses[0] == service.StatusActive {
			// Implied by the status, but a range the expiry index serves.
			where = append(where, plus+"expires_at > ?")
			args = append(args, f.Now.UnixMicro())
		}
	}
	if f.UnusedDays > 0 {
		where = append(where, plus+"COALESCE(last_used_at, created_at) < ?")
		args = append(args, f.Now.Add(-time.Duration(f.UnusedDays)*24*time.Hour).UnixMicro())
	}
	return where, args
}

// probeLife returns the IDs of the keys of f's tiers and service matching the
// key-life terms, through their indexes; few is false past lifeProbeMax.
func (s *Store) probeLife(ctx context.Context, f service.KeyFilter, where []string, args []any) (ids []any, few bool, err error) {
	q := `SELECT id FROM api_keys WHERE tiers_code = ? AND service_id = ? AND ` + strings.Join(where, " AND ") + ` LIMIT ?`
	all := append(append([]any{f.Tiers, f.Service}, args...), lifeProbeMax+1)
	rows, err := s.db.QueryContext(ctx, s.q(q), all...)
	if err != nil {
		return nil, false, s.fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, false, s.fail(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, false, s.fail(err)
	}
	return ids, len(ids) <= lifeProbeMax, nil
}
