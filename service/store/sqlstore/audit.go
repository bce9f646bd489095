package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"sesame/service"
)

func (s *Store) insertAudit(ctx context.Context, tx *sql.Tx, ev service.AuditEvent) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO audit_events (at, actor, login, action, key_id, key_name, tiers_code, service_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
		ev.At.UnixMicro(), ev.Actor, ev.Login, string(ev.Action), ev.KeyID, ev.KeyName, ev.Tiers, ev.Service)
	return err
}

// Audit returns events of the filter's tiers (all when none is given), newest first.
func (s *Store) Audit(ctx context.Context, f service.AuditFilter) ([]service.AuditEvent, error) {
	limit := f.Limit
	if limit <= 0 || limit > service.MaxPageSize {
		limit = service.DefaultPageSize
	}
	var where []string
	var args []any
	if len(f.Tiers) > 0 {
		where = append(where, "tiers_code IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(f.Tiers)), ", ")+")")
		for _, t := range f.Tiers {
			args = append(args, t)
		}
	}
	if f.Before > 0 {
		where = append(where, "id < ?")
		args = append(args, f.Before)
	}
	query := `SELECT id, at, actor, login, action, key_id, key_name, tiers_code, service_id FROM audit_events`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY id DESC LIMIT ?"
	args = append(args, limit)
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, s.fail(err)
	}
	defer rows.Close()
	var out []service.AuditEvent
	for rows.Next() {
		var ev service.AuditEvent
		var at int64
		var action string
		if err := rows.Scan(&ev.ID, &at, &ev.Actor, &ev.Login, &action, &ev.KeyID, &ev.KeyName, &ev.Tiers, &ev.Service); err != nil {
			return nil, s.fail(err)
		}
		ev.At, ev.Action = time.UnixMicro(at), service.AuditAction(action)
		out = append(out, ev)
	}
	return out, s.fail(rows.Err())
}
