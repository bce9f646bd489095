package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"net/netip"
	"strings"

	"sesame/service"
	"sesame/service/store"
)

// formatAddresses is the allowed_addresses column of a key: its prefixes,
// comma-separated; ” for anywhere.
func formatAddresses(ps []netip.Prefix) string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// parseAddresses reads formatAddresses back.
func parseAddresses(s string) ([]netip.Prefix, error) {
	if s == "" {
		return nil, nil
	}
	fields := strings.Split(s, ",")
	out := make([]netip.Prefix, len(fields))
	for i, f := range fields {
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, fmt.Errorf("allowed_addresses: %w", err)
		}
		out[i] = p
	}
	return out, nil
}

// SetRestrictions replaces an active or suspended key's restrictions if they are
// still at version from, and records the event.
func (s *Store) SetRestrictions(ctx context.Context, id string, from int, r service.Restrictions, ev service.AuditEvent) (service.Key, error) {
	var out service.Key
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE api_keys SET allowed_addresses = ?, read_only = ?, rate_per_minute = ?,
			rate_burst = ?, restrictions_version = restrictions_version + 1
			WHERE id = ? AND restrictions_version = ? AND status = 'active' AND (expires_at IS NULL OR expires_at > ?)`),
			formatAddresses(r.Addresses), boolInt(r.ReadOnly), r.RatePerMinute, r.Burst, id, from, ev.At.UnixMicro())
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		k, err := s.keyInTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if n == 0 {
			if st := k.At(ev.At).Status; st == service.StatusRevoked || st == service.StatusExpired {
				return service.Errorf(service.ECONFLICT, service.MsgRestrictKeyNotActive, nil)
			}
			return service.Errorf(service.ECONFLICT, service.MsgRestrictChangedMeantime, nil)
		}
		out = k.Key
		return s.insertAudit(ctx, tx, ev)
	})
	if err == nil {
		s.announce(id)
	}
	return out, err
}

// touchRefusals records a batch's refusals of one key: counts per day, each day's
// last refused instant and address (an older one never overwrites a newer).
func touchRefusals(ctx context.Context, stmt *sql.Stmt, u store.KeyUse) error {
	for d, r := range u.Refused {
		if _, err := stmt.ExecContext(ctx, d, r.N, r.LastAt.UnixMicro(), r.LastFrom, u.ID); err != nil {
			return err
		}
	}
	return nil
}

// refusalsSQL adds a day's refusals of a key, keeping the newest last refusal.
const refusalsSQL = `INSERT INTO key_daily_refusals (key_id, day, refusals, last_at, last_from)
	SELECT id, ?, ?, ?, ? FROM api_keys WHERE id = ?
	ON CONFLICT (key_id, day) DO UPDATE SET refusals = key_daily_refusals.refusals + excluded.refusals,
		last_at = CASE WHEN excluded.last_at > key_daily_refusals.last_at THEN excluded.last_at ELSE key_daily_refusals.last_at END,
		last_from = CASE WHEN excluded.last_at > key_daily_refusals.last_at THEN excluded.last_from ELSE key_daily_refusals.last_from END`

// KeyRefusals returns what a key's restrictions refused: on day today, in all, and
// the last refusal.
func (s *Store) KeyRefusals(ctx context.Context, id string, today int64) (service.Refusals, error) {
	var r service.Refusals
	var todayN, total sql.NullInt64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT SUM(CASE WHEN day = ? THEN refusals ELSE 0 END), SUM(refusals)
		FROM key_daily_refusals WHERE key_id = ?`), today, id).Scan(&todayN, &total)
	if err != nil {
		return r, s.fail(err)
	}
	r.Today, r.Total = todayN.Int64, total.Int64
	if r.Total == 0 {
		return r, nil
	}
	var last int64
	err = s.db.QueryRowContext(ctx, s.q(`SELECT last_at, last_from FROM key_daily_refusals WHERE key_id = ?
		ORDER BY day DESC LIMIT 1`), id).Scan(&last, &r.LastFrom)
	r.LastAt = fromMicros(sql.NullInt64{Int64: last, Valid: true})
	return r, s.fail(err)
}
