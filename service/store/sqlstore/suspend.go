package sqlstore

import (
	"context"
	"database/sql"

	"sesame/service"
)

// SuspendKey suspends an active, unexpired key and records the event.
func (s *Store) SuspendKey(ctx context.Context, id string, sus service.Suspension, ev service.AuditEvent) (service.Key, error) {
	return s.changeSuspension(ctx, id, ev, func(tx *sql.Tx) (sql.Result, error) {
		return tx.ExecContext(ctx, s.q(`UPDATE api_keys SET suspended_at = ?, suspended_by = ?, suspend_reason = ?
			WHERE id = ? AND status = 'active' AND suspended_at IS NULL AND (expires_at IS NULL OR expires_at > ?)`),
			sus.At.UnixMicro(), sus.By, sus.Reason, id, sus.At.UnixMicro())
	}, func(k service.Key) *service.Error {
		if k.Status == service.StatusSuspended && (k.ExpiresAt.IsZero() || sus.At.Before(k.ExpiresAt)) {
			return service.Errorf(service.ECONFLICT, service.MsgKeySuspended, nil)
		}
		return service.Errorf(service.ECONFLICT, service.MsgKeyNotActive, nil)
	})
}

// ResumeKey lifts a key's suspension and records the event.
func (s *Store) ResumeKey(ctx context.Context, id string, ev service.AuditEvent) (service.Key, error) {
	return s.changeSuspension(ctx, id, ev, func(tx *sql.Tx) (sql.Result, error) {
		return tx.ExecContext(ctx, s.q(`UPDATE api_keys SET suspended_at = NULL, suspended_by = NULL, suspend_reason = NULL
			WHERE id = ? AND status = 'active' AND suspended_at IS NOT NULL`), id)
	}, func(service.Key) *service.Error {
		return service.Errorf(service.ECONFLICT, service.MsgKeyNotSuspended, nil)
	})
}

// changeSuspension runs a conditional update of a key's suspension and, when it
// changed a row, records ev; otherwise it returns refused's error for the key as it
// is. ENOTFOUND for an unknown key.
func (s *Store) changeSuspension(ctx context.Context, id string, ev service.AuditEvent,
	update func(*sql.Tx) (sql.Result, error), refused func(service.Key) *service.Error) (service.Key, error) {
	var out service.Key
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := update(tx)
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
			return refused(k.Key)
		}
		out = k.Key
		return s.insertAudit(ctx, tx, ev)
	})
	if err == nil {
		s.announce(id)
	}
	return out, err
}
