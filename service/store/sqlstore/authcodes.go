package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// errGrantNotFound answers a code or refresh token that is unknown, expired or whose
// session has ended: to the caller they are all the same.
func errGrantNotFound() error {
	return service.Errorf(service.ENOTFOUND, service.MsgUnauthorized, nil)
}

// errGrantReused answers a code or refresh token presented a second time.
func errGrantReused() error {
	return service.Errorf(service.ECONFLICT, service.MsgUnauthorized, nil)
}

// PutAuthCode stores a new authorization code and its pending session, which
// expires with the code unless StartSession extends it.
func (s *Store) PutAuthCode(ctx context.Context, c store.AuthCode) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO oauth_sessions (`+sessionColumns+`) VALUES (?, ?, ?, ?, ?, NULL)`),
			c.SessionID, c.Login, c.ClientID, c.CreatedAt.UnixMicro(), c.ExpiresAt.UnixMicro()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO oauth_codes (digest, session_id, client_id, redirect_uri,
			challenge, login, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`),
			c.Digest, c.SessionID, c.ClientID, c.RedirectURI, c.Challenge, c.Login,
			c.CreatedAt.UnixMicro(), c.ExpiresAt.UnixMicro())
		return err
	})
}

// ConsumeAuthCode marks a code used, once: a second exchange gets ECONFLICT and the
// code, so that the caller can revoke the session the first exchange opened.
func (s *Store) ConsumeAuthCode(ctx context.Context, digest []byte, at time.Time) (store.AuthCode, error) {
	var c store.AuthCode
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE oauth_codes SET used_at = ? WHERE digest = ? AND used_at IS NULL`),
			at.UnixMicro(), digest)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		var created, expires int64
		var used sql.NullInt64
		err = tx.QueryRowContext(ctx, s.q(`SELECT digest, session_id, client_id, redirect_uri, challenge, login,
			created_at, expires_at, used_at FROM oauth_codes WHERE digest = ?`), digest).
			Scan(&c.Digest, &c.SessionID, &c.ClientID, &c.RedirectURI, &c.Challenge, &c.Login, &created, &expires, &used)
		if errors.Is(err, sql.ErrNoRows) {
			return errGrantNotFound()
		}
		if err != nil {
			return err
		}
		c.CreatedAt, c.ExpiresAt, c.UsedAt = time.UnixMicro(created), time.UnixMicro(expires), fromMicros(used)
		if n == 0 {
			return errGrantReused()
		}
		return nil
	})
	if service.ErrorCode(err) == service.ECONFLICT {
		return c, err
	}
	if err != nil {
		return store.AuthCode{}, err
	}
	if !at.Before(c.ExpiresAt) {
		return store.AuthCode{}, errGrantNotFound()
	}
	return c, nil
}
