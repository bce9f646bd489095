package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"sesame/service/store"
)

const sessionColumns = `id, login, client_id, created_at, expires_at, revoked_at`

func scanSession(row scanner) (store.Session, error) {
	var ss store.Session
	var created, expires int64
	var revoked sql.NullInt64
	if err := row.Scan(&ss.ID, &ss.Login, &ss.ClientID, &created, &expires, &revoked); err != nil {
		return ss, err
	}
	ss.CreatedAt, ss.ExpiresAt, ss.RevokedAt = time.UnixMicro(created), time.UnixMicro(expires), fromMicros(revoked)
	return ss, nil
}

func (s *Store) insertRefreshToken(ctx context.Context, tx *sql.Tx, t store.RefreshToken) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO oauth_refresh_tokens (digest, session_id, issued_at, expires_at, used_at)
		VALUES (?, ?, ?, ?, NULL)`), t.Digest, t.SessionID, t.IssuedAt.UnixMicro(), t.ExpiresAt.UnixMicro())
	return err
}

// StartSession gives a pending session its lifetime and first refresh token, in one
// transaction, unless it was revoked meanwhile. The conditional update orders it
// against a concurrent revocation on any replica: whichever comes second sees the
// other's write.
func (s *Store) StartSession(ctx context.Context, ss store.Session, first store.RefreshToken) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE oauth_sessions SET created_at = ?, expires_at = ?
			WHERE id = ? AND login = ? AND client_id = ? AND revoked_at IS NULL`),
			ss.CreatedAt.UnixMicro(), ss.ExpiresAt.UnixMicro(), ss.ID, ss.Login, ss.ClientID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return errGrantNotFound()
		}
		first.SessionID = ss.ID
		return s.insertRefreshToken(ctx, tx, first)
	})
}

// RotateRefreshToken spends a refresh token and stores its successor; a spent token
// presented again revokes its whole session.
func (s *Store) RotateRefreshToken(ctx context.Context, digest []byte, next store.RefreshToken, at time.Time) (store.Session, error) {
	var ss store.Session
	reused := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var sessionID string
		var expires int64
		var used sql.NullInt64
		err := tx.QueryRowContext(ctx, s.q(`SELECT session_id, expires_at, used_at FROM oauth_refresh_tokens WHERE digest = ?`),
			digest).Scan(&sessionID, &expires, &used)
		if errors.Is(err, sql.ErrNoRows) {
			return errGrantNotFound()
		}
		if err != nil {
			return err
		}
		if ss, err = scanSession(tx.QueryRowContext(ctx, s.q(`SELECT `+sessionColumns+` FROM oauth_sessions WHERE id = ?`), sessionID)); err != nil {
			return err
		}
		if !ss.Active(at) || !at.Before(time.UnixMicro(expires)) {
			return errGrantNotFound()
		}
		// The conditional update decides between two concurrent rotations: the loser
		// is a reuse like any other.
		res, err := tx.ExecContext(ctx, s.q(`UPDATE oauth_refresh_tokens SET used_at = ? WHERE digest = ? AND used_at IS NULL`),
			at.UnixMicro(), digest)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 || used.Valid {
			reused = true
			return errGrantReused()
		}
		next.SessionID = ss.ID
		return s.insertRefreshToken(ctx, tx, next)
	})
	if reused {
		// Outside the rolled-back transaction: the revocation must stick.
		if rerr := s.RevokeSession(ctx, ss.ID, at); rerr != nil {
			return store.Session{}, rerr
		}
		ss.RevokedAt = at
		return ss, err
	}
	if err != nil {
		return store.Session{}, err
	}
	return ss, nil
}

// RefreshTokenSession returns a refresh token and its session.
func (s *Store) RefreshTokenSession(ctx context.Context, digest []byte) (store.RefreshToken, store.Session, error) {
	t := store.RefreshToken{Digest: digest}
	var issued, expires int64
	var used sql.NullInt64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT session_id, issued_at, expires_at, used_at FROM oauth_refresh_tokens WHERE digest = ?`),
		digest).Scan(&t.SessionID, &issued, &expires, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return store.RefreshToken{}, store.Session{}, errGrantNotFound()
	}
	if err != nil {
		return store.RefreshToken{}, store.Session{}, s.fail(err)
	}
	t.IssuedAt, t.ExpiresAt, t.UsedAt = time.UnixMicro(issued), time.UnixMicro(expires), fromMicros(used)
	ss, err := s.Session(ctx, t.SessionID)
	return t, ss, err
}

// Session returns a session by ID.
func (s *Store) Session(ctx context.Context, id string) (store.Session, error) {
	ss, err := scanSession(s.db.QueryRowContext(ctx, s.q(`SELECT `+sessionColumns+` FROM oauth_sessions WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return store.Session{}, errGrantNotFound()
	}
	return ss, s.fail(err)
}

// RevokeSession ends a session; its first revocation instant is kept.
func (s *Store) RevokeSession(ctx context.Context, id string, at time.Time) error {
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE oauth_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`),
		at.UnixMicro(), id)
	return s.fail(err)
}

// PurgeAuth deletes what has expired: codes, sessions and, with them, their tokens.
func (s *Store) PurgeAuth(ctx context.Context, now time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM oauth_codes WHERE expires_at < ?`), now.UnixMicro()); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM oauth_refresh_tokens WHERE session_id IN
			(SELECT id FROM oauth_sessions WHERE expires_at < ?)`), now.UnixMicro()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`DELETE FROM oauth_sessions WHERE expires_at < ?`), now.UnixMicro())
		return err
	})
}
