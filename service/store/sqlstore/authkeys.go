package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// SigningKeys returns the authorization server's signing keys, newest first.
func (s *Store) SigningKeys(ctx context.Context) ([]store.SigningKey, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT kid, algorithm, private_der, created_at FROM oauth_signing_keys
		ORDER BY created_at DESC, kid DESC`)
	if err != nil {
		return nil, s.fail(err)
	}
	defer rows.Close()
	var out []store.SigningKey
	for rows.Next() {
		var k store.SigningKey
		var created int64
		if err := rows.Scan(&k.ID, &k.Algorithm, &k.PrivateDER, &created); err != nil {
			return nil, s.fail(err)
		}
		k.CreatedAt = time.UnixMicro(created)
		out = append(out, k)
	}
	return out, s.fail(rows.Err())
}

// AddSigningKey stores a new signing key.
func (s *Store) AddSigningKey(ctx context.Context, k store.SigningKey) error {
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO oauth_signing_keys (kid, algorithm, private_der, created_at)
		VALUES (?, ?, ?, ?)`), k.ID, k.Algorithm, k.PrivateDER, k.CreatedAt.UnixMicro())
	return s.fail(err)
}

// DeleteSigningKeys removes the signing keys created before an instant.
func (s *Store) DeleteSigningKeys(ctx context.Context, createdBefore time.Time) error {
	_, err := s.db.ExecContext(ctx, s.q(`DELETE FROM oauth_signing_keys WHERE created_at < ?`), createdBefore.UnixMicro())
	return s.fail(err)
}

// ServerSecret returns the named shared secret, creating it with gen the first time.
// Concurrent first calls on several replicas all end up with the one stored first.
func (s *Store) ServerSecret(ctx context.Context, name string, gen func() ([]byte, error)) ([]byte, error) {
	var v []byte
	err := s.db.QueryRowContext(ctx, s.q(`SELECT value FROM oauth_secrets WHERE name = ?`), name).Scan(&v)
	if err == nil {
		return v, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, s.fail(err)
	}
	fresh, err := gen()
	if err != nil {
		return nil, service.Errorf(service.EINTERNAL, service.MsgUnexpected, err)
	}
	if _, err := s.db.ExecContext(ctx, s.q(`INSERT INTO oauth_secrets (name, value) VALUES (?, ?)
		ON CONFLICT (name) DO NOTHING`), name, fresh); err != nil {
		return nil, s.fail(err)
	}
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT value FROM oauth_secrets WHERE name = ?`), name).Scan(&v); err != nil {
		return nil, s.fail(err)
	}
	return v, nil
}
