package sqlstore

import (
	"bytes"
	"context"
	"database/sql"

	"sesame/service/store"
)

// ResealSecrets rewrites the signing keys' private parts and the server secrets
// through fn, in one transaction.
func (s *Store) ResealSecrets(ctx context.Context, fn func(label string, value []byte) ([]byte, error)) (int, error) {
	changed := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		changed = 0
		for _, t := range []struct {
			read, write string
			label       func(string) string
		}{
			{`SELECT kid, private_der FROM oauth_signing_keys`, `UPDATE oauth_signing_keys SET private_der = ? WHERE kid = ?`, store.SigningKeyLabel},
			{`SELECT name, value FROM oauth_secrets`, `UPDATE oauth_secrets SET value = ? WHERE name = ?`, store.ServerSecretLabel},
		} {
			type row struct {
				name  string
				value []byte
			}
			var rows []row
			rs, err := tx.QueryContext(ctx, t.read)
			if err != nil {
				return err
			}
			for rs.Next() {
				var r row
				if err := rs.Scan(&r.name, &r.value); err != nil {
					_ = rs.Close()
					return err
				}
				rows = append(rows, r)
			}
			if err := rs.Close(); err != nil {
				return err
			}
			if err := rs.Err(); err != nil {
				return err
			}
			for _, r := range rows {
				v, err := fn(t.label(r.name), r.value)
				if err != nil {
					return err
				}
				if bytes.Equal(v, r.value) {
					continue
				}
				if _, err := tx.ExecContext(ctx, s.q(t.write), v, r.name); err != nil {
					return err
				}
				changed++
			}
		}
		return nil
	})
	return changed, err
}
