package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// scanHandover sets a key's pickup (k.Handover) from its columns, and shows an active
// key whose link is pending as pending.
func scanHandover(k *service.Key, until, pickedUp sql.NullInt64, from string) {
	if !until.Valid && !pickedUp.Valid {
		return
	}
	k.Handover = &service.Handover{Pending: until.Valid, Until: fromMicros(until), PickedUpAt: fromMicros(pickedUp), PickedUpFrom: from}
	if until.Valid && k.Status == service.StatusActive {
		k.Status = service.StatusPending
	}
}

// pendingUntil is the handover_until column of a key's pickup: NULL unless pending.
func pendingUntil(h service.Handover) sql.NullInt64 {
	if !h.Pending {
		return sql.NullInt64{}
	}
	return micros(h.Until)
}

// endLinks is the statement that ends every live link of a key (by ID): their sealed
// secrets forgotten, the open ones dead.
const endLinks = `UPDATE key_handovers SET sealed_secret = NULL,
	state = CASE WHEN state = 'open' THEN 'dead' ELSE state END
	WHERE key_id = ? AND (state = 'open' OR sealed_secret IS NOT NULL)`

// StartHandover gives a key a new secret that only its new link reveals.
func (s *Store) StartHandover(ctx context.Context, h store.HandoverRecord, digest []byte, hint string, ev service.AuditEvent) (service.Key, error) {
	var out service.Key
	at := h.CreatedAt.UnixMicro()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE api_keys SET `+forgetOld+`,
			secret_digest = ?, secret_hint = ?, secret_version = secret_version + 1, renewed_at = ?, handover_until = ?
			WHERE id = ? AND status = 'active' AND suspended_at IS NULL AND (expires_at IS NULL OR expires_at > ?)`),
			digest, hint, at, h.ExpiresAt.UnixMicro(), h.KeyID, at)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		k, err := s.keyInTx(ctx, tx, h.KeyID)
		if err != nil {
			return err
		}
		if n == 0 {
			if k.Status == service.StatusSuspended {
				return service.Errorf(service.ECONFLICT, service.MsgHandoverSuspended, nil)
			}
			return service.Errorf(service.ECONFLICT, service.MsgHandoverNotActive, nil)
		}
		if _, err := tx.ExecContext(ctx, s.q(endLinks), h.KeyID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO key_handovers
			(token_digest, key_id, code_digest, sealed_secret, created_at, created_by, expires_at, state, failures, used_from)
			VALUES (?, ?, ?, ?, ?, ?, ?, 'open', 0, '')`),
			h.TokenDigest, h.KeyID, h.CodeDigest, h.Sealed, at, h.CreatedBy, h.ExpiresAt.UnixMicro()); err != nil {
			return err
		}
		out = k.Key
		return s.insertAudit(ctx, tx, ev)
	})
	if err == nil {
		s.announce(h.KeyID)
	}
	return out, err
}

const handoverColumns = `token_digest, key_id, code_digest, sealed_secret, created_at, created_by,
	expires_at, state, failures, used_at, used_from`

// Handover returns a link by its token's digest.
func (s *Store) Handover(ctx context.Context, tokenDigest []byte) (store.HandoverRecord, error) {
	var h store.HandoverRecord
	var created, expires int64
	var used sql.NullInt64
	var state string
	// Prepared once: every opening of a pickup page reads it.
	stmt, err := s.prepared(ctx, `SELECT `+handoverColumns+` FROM key_handovers WHERE token_digest = ?`)
	if err != nil {
		return h, s.fail(err)
	}
	err = stmt.QueryRowContext(ctx, tokenDigest).
		Scan(&h.TokenDigest, &h.KeyID, &h.CodeDigest, &h.Sealed, &created, &h.CreatedBy, &expires, &state, &h.Failures, &used, &h.UsedFrom)
	if errors.Is(err, sql.ErrNoRows) {
		return h, service.Errorf(service.ENOTFOUND, service.MsgHandoverLinkEnded, nil)
	}
	if err != nil {
		return h, s.fail(err)
	}
	h.CreatedAt, h.ExpiresAt, h.UsedAt = time.UnixMicro(created), time.UnixMicro(expires), fromMicros(used)
	h.State = store.HandoverState(state)
	return h, nil
}

// PickUpHandover uses an open link and makes its key active.
func (s *Store) PickUpHandover(ctx context.Context, tokenDigest []byte, at time.Time, from string, ev service.AuditEvent) (service.Key, error) {
	var out service.Key
	ended := service.Errorf(service.ECONFLICT, service.MsgHandoverLinkEnded, nil)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var keyID string
		err := tx.QueryRowContext(ctx, s.q(`SELECT key_id FROM key_handovers WHERE token_digest = ? AND state = 'open' AND expires_at > ?`),
			tokenDigest, at.UnixMicro()).Scan(&keyID)
		if errors.Is(err, sql.ErrNoRows) {
			return ended
		}
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, s.q(`UPDATE key_handovers SET state = 'used', used_at = ?, used_from = ?, sealed_secret = NULL
			WHERE token_digest = ? AND state = 'open'`), at.UnixMicro(), from, tokenDigest)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err != nil {
				return err
			}
			return ended
		}
		res, err = tx.ExecContext(ctx, s.q(`UPDATE api_keys SET handover_until = NULL, picked_up_at = ?, picked_up_from = ?
			WHERE id = ? AND status = 'active' AND suspended_at IS NULL AND handover_until IS NOT NULL AND (expires_at IS NULL OR expires_at > ?)`),
			at.UnixMicro(), from, keyID, at.UnixMicro())
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err != nil {
				return err
			}
			return ended
		}
		k, err := s.keyInTx(ctx, tx, keyID)
		if err != nil {
			return err
		}
		out = k.Key
		return s.insertAudit(ctx, tx, ev)
	})
	if err == nil {
		s.announce(out.ID)
	}
	return out, err
}

// FailHandover counts a wrong code and, at max, ends the link and suspends its key.
func (s *Store) FailHandover(ctx context.Context, tokenDigest []byte, max int, sus service.Suspension, ev service.AuditEvent) (int, bool, error) {
	var count int
	var suspended bool
	var keyID string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		count, suspended = 0, false
		res, err := tx.ExecContext(ctx, s.q(`UPDATE key_handovers SET failures = failures + 1 WHERE token_digest = ? AND state = 'open'`), tokenDigest)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err != nil {
				return err
			}
			return service.Errorf(service.ECONFLICT, service.MsgHandoverLinkEnded, nil)
		}
		if err := tx.QueryRowContext(ctx, s.q(`SELECT key_id, failures FROM key_handovers WHERE token_digest = ?`), tokenDigest).
			Scan(&keyID, &count); err != nil {
			return err
		}
		if count < max {
			return nil
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE key_handovers SET state = 'dead', sealed_secret = NULL WHERE token_digest = ?`), tokenDigest); err != nil {
			return err
		}
		res, err = tx.ExecContext(ctx, s.q(`UPDATE api_keys SET suspended_at = ?, suspended_by = ?, suspend_reason = ?
			WHERE id = ? AND status = 'active' AND suspended_at IS NULL`), sus.At.UnixMicro(), sus.By, sus.Reason, keyID)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil || n == 0 {
			return err
		}
		suspended = true
		return s.insertAudit(ctx, tx, ev)
	})
	if err == nil && suspended {
		s.announce(keyID)
	}
	return count, suspended, err
}

// ForgetEndedHandovers forgets the sealed secrets of expired links.
func (s *Store) ForgetEndedHandovers(ctx context.Context, now time.Time) error {
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE key_handovers SET sealed_secret = NULL WHERE sealed_secret IS NOT NULL AND expires_at <= ?`), now.UnixMicro())
	return s.fail(err)
}
