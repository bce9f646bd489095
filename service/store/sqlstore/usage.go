package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// TouchKeys records a batch of uses in one transaction.
func (s *Store) TouchKeys(ctx context.Context, uses []store.KeyUse) error {
	if len(uses) == 0 {
		return nil
	}
	var started []string // keys whose old secret's last day began: announced
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		started = started[:0]
		last, err := tx.PrepareContext(ctx, s.q(`UPDATE api_keys SET last_used_at = ?, last_used_from = ?
			WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)`))
		if err != nil {
			return err
		}
		defer last.Close()
		// INSERT … SELECT: a key unknown here (none is ever deleted) counts nothing
		// instead of failing the batch.
		day, err := tx.PrepareContext(ctx, s.q(`INSERT INTO key_daily_uses (key_id, day, uses)
			SELECT id, ?, ? FROM api_keys WHERE id = ?
			ON CONFLICT (key_id, day) DO UPDATE SET uses = key_daily_uses.uses + excluded.uses`))
		if err != nil {
			return err
		}
		defer day.Close()
		var refused *sql.Stmt // prepared for the first batch that holds refusals
		for _, u := range uses {
			if !u.LastAt.IsZero() {
				if _, err := last.ExecContext(ctx, u.LastAt.UnixMicro(), u.LastFrom, u.ID, u.LastAt.UnixMicro()); err != nil {
					return err
				}
			}
			changed, err := s.touchOld(ctx, tx, u)
			if err != nil {
				return err
			}
			if changed {
				started = append(started, u.ID)
			}
			for d, n := range u.Days {
				if _, err := day.ExecContext(ctx, d, n, u.ID); err != nil {
					return err
				}
			}
			if len(u.Refused) > 0 && refused == nil {
				if refused, err = tx.PrepareContext(ctx, s.q(refusalsSQL)); err != nil {
					return err
				}
				defer refused.Close()
			}
			if err := touchRefusals(ctx, refused, u); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		s.announce(started...)
	}
	return err
}

// touchOld records what a batch says of a renewed key's two secrets, for the version
// the uses were verified with only: a renewal since then started another grace.
// changed reports that the old secret's end was set (what verification depends on).
func (s *Store) touchOld(ctx context.Context, tx *sql.Tx, u store.KeyUse) (changed bool, err error) {
	if !u.OldAt.IsZero() {
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE api_keys SET old_secret_last_used_at = ?, old_secret_last_used_from = ?
			WHERE id = ? AND secret_version = ? AND old_secret_digest IS NOT NULL
			AND (old_secret_last_used_at IS NULL OR old_secret_last_used_at < ?)`),
			u.OldAt.UnixMicro(), u.OldFrom, u.ID, u.Version, u.OldAt.UnixMicro()); err != nil {
			return false, err
		}
	}
	if u.NewFirst.IsZero() {
		return false, nil
	}
	// The new secret's first use: the old one waiting for it has one day more.
	res, err := tx.ExecContext(ctx, s.q(`UPDATE api_keys SET old_secret_until = ?
		WHERE id = ? AND secret_version = ? AND old_secret_digest IS NOT NULL AND old_secret_until IS NULL`),
		u.NewFirst.Add(service.FirstUseGrace).UnixMicro(), u.ID, u.Version)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// KeyUses returns a key's uses per day in [from, to].
func (s *Store) KeyUses(ctx context.Context, id string, from, to int64) (map[int64]int64, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT day, uses FROM key_daily_uses WHERE key_id = ? AND day >= ? AND day <= ?`),
		id, from, to)
	if err != nil {
		return nil, s.fail(err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var d, n int64
		if err := rows.Scan(&d, &n); err != nil {
			return nil, s.fail(err)
		}
		out[d] = n
	}
	return out, s.fail(rows.Err())
}

// ExpiringKeys returns the active keys of those tiers expiring in [from, to); a
// suspended key is refused already, and is left out.
func (s *Store) ExpiringKeys(ctx context.Context, tiers []string, from, to time.Time, limit int) ([]service.Key, error) {
	if len(tiers) == 0 {
		return nil, nil
	}
	args := []any{from.UnixMicro(), to.UnixMicro()}
	for _, t := range tiers {
		args = append(args, t)
	}
	args = append(args, limit)
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+keyColumns+` FROM api_keys
		WHERE status = 'active' AND expires_at IS NOT NULL AND expires_at >= ? AND expires_at < ? AND suspended_at IS NULL AND handover_until IS NULL
		AND tiers_code IN (`+placeholders(len(tiers))+`)
		ORDER BY expires_at, id LIMIT ?`), args...)
	if err != nil {
		return nil, s.fail(err)
	}
	defer rows.Close()
	var out []service.Key
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, s.fail(err)
		}
		out = append(out, k.Key)
	}
	return out, s.fail(rows.Err())
}
