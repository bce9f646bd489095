package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"sesame/service"
	"sesame/service/store"
)

// RenewKey replaces a key's secret if nobody did since r.FromVersion.
func (s *Store) RenewKey(ctx context.Context, r store.Renewal, ev service.AuditEvent) (service.Key, error) {
	var out service.Key
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		// One conditional UPDATE: of two concurrent renewals from the same version,
		// the database lets one through and the other finds the version moved on.
		// On the right-hand side, secret_digest is the row's value before the update.
		res, err := tx.ExecContext(ctx, s.q(`UPDATE api_keys SET
			old_secret_digest = CASE WHEN ? THEN secret_digest ELSE NULL END,
			old_secret_until = ?, old_secret_last_used_at = NULL, old_secret_last_used_from = '',
			secret_digest = ?, secret_hint = ?, secret_version = secret_version + 1, renewed_at = ?
			WHERE id = ? AND status = 'active' AND suspended_at IS NULL AND handover_until IS NULL AND secret_version = ? AND (expires_at IS NULL OR expires_at > ?)`),
			r.KeepOld, micros(r.OldUntil), r.Digest, r.Hint, r.At.UnixMicro(), r.ID, r.FromVersion, r.At.UnixMicro())
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		k, err := s.keyInTx(ctx, tx, r.ID)
		if err != nil {
			return err
		}
		if n == 0 {
			switch {
			case k.Status == service.StatusSuspended:
				return service.Errorf(service.ECONFLICT, service.MsgKeySuspendedRenew, nil)
			case k.Status == service.StatusPending:
				return service.Errorf(service.ECONFLICT, service.MsgKeyPendingRenew, nil)
			case k.Status != service.StatusActive:
				return service.Errorf(service.ECONFLICT, service.MsgKeyRevokedRenew, nil)
			case !k.ExpiresAt.IsZero() && !r.At.Before(k.ExpiresAt):
				return service.Errorf(service.ECONFLICT, service.MsgKeyExpired, nil)
			default:
				return service.Errorf(service.ECONFLICT, service.MsgKeyRenewedMeantime, nil)
			}
		}
		out = k.Key
		return s.insertAudit(ctx, tx, ev)
	})
	if err == nil {
		s.announce(out.ID)
	}
	return out, err
}

// EndGrace forgets a key's old secret, if its grace had not run out by ev.At.
func (s *Store) EndGrace(ctx context.Context, id string, ev service.AuditEvent) (service.Key, error) {
	var out service.Key
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		// A grace that ran out by ev.At is not ended by hand: the sweep
		// (ForgetEndedGraces) writes that end, at its own instant.
		res, err := tx.ExecContext(ctx, s.q(`UPDATE api_keys SET `+forgetOld+`
			WHERE id = ? AND old_secret_digest IS NOT NULL AND (old_secret_until IS NULL OR old_secret_until > ?)`),
			id, ev.At.UnixMicro())
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
			return service.Errorf(service.ECONFLICT, service.MsgNoGrace, nil)
		}
		out = k.Key
		return s.insertAudit(ctx, tx, ev)
	})
	if err == nil {
		s.announce(out.ID)
	}
	return out, err
}

// forgetOld is the SET clause that forgets an old secret and what is known of it.
const forgetOld = `old_secret_digest = NULL, old_secret_until = NULL,
	old_secret_last_used_at = NULL, old_secret_last_used_from = ''`

// keyInTx reads a key inside a transaction; ENOTFOUND if there is none.
func (s *Store) keyInTx(ctx context.Context, tx *sql.Tx, id string) (store.KeyRecord, error) {
	k, err := scanKey(tx.QueryRowContext(ctx, s.q(`SELECT `+keyColumns+` FROM api_keys WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return k, service.Errorf(service.ENOTFOUND, service.MsgKeyNotFound, nil)
	}
	return k, err
}

// KeyPolicy returns a firm's key policy.
func (s *Store) KeyPolicy(ctx context.Context, firm string) (service.KeyPolicy, error) {
	var p service.KeyPolicy
	err := s.db.QueryRowContext(ctx, s.q(`SELECT max_lifetime_days, partner_max_lifetime_days, firm_address_required, partner_address_required
		FROM key_policies WHERE firm_code = ?`), firm).
		Scan(&p.MaxLifetimeDays, &p.PartnerMaxLifetimeDays, &p.FirmAddressRequired, &p.PartnerAddressRequired)
	if errors.Is(err, sql.ErrNoRows) {
		return p, nil
	}
	return p, s.fail(err)
}

// SetKeyPolicy stores a firm's key policy with its audit event.
func (s *Store) SetKeyPolicy(ctx context.Context, firm string, p service.KeyPolicy, ev service.AuditEvent) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM key_policies WHERE firm_code = ?`), firm); err != nil {
			return err
		}
		if p != (service.KeyPolicy{}) {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO key_policies (firm_code, max_lifetime_days, partner_max_lifetime_days,
				firm_address_required, partner_address_required) VALUES (?, ?, ?, ?, ?)`),
				firm, p.MaxLifetimeDays, p.PartnerMaxLifetimeDays, boolInt(p.FirmAddressRequired), boolInt(p.PartnerAddressRequired)); err != nil {
				return err
			}
		}
		return s.insertAudit(ctx, tx, ev)
	})
}
