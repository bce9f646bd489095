package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"sesame/service"
)

// RevokeAdminSessions ends every open session of login; a session revoked before
// keeps its first revocation instant.
func (s *Store) RevokeAdminSessions(ctx context.Context, login string, at time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE oauth_sessions SET revoked_at = ? WHERE login = ? AND revoked_at IS NULL`),
		at.UnixMicro(), login)
	if err != nil {
		return 0, s.fail(err)
	}
	n, err := res.RowsAffected()
	return int(n), s.fail(err)
}

// RemoveAdmin deletes an administrator and their tiers list.
func (s *Store) RemoveAdmin(ctx context.Context, login string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM admin_tiers WHERE login = ?`), login); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM admins WHERE login = ?`), login)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return service.Errorf(service.ENOTFOUND, service.MsgAdminUnknown, nil)
		}
		return nil
	})
}
