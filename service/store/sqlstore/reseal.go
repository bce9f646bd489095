package sqlstore

import (
	"bytes"
	"context"
	"database/sql"

	"sesame/service"
	"sesame/service/store"
)

// ResealSecrets rewrites the signing keys' private parts, the server secrets, the
// SMTP passwords and the webhooks' secrets through fn, in one transaction.
func (s *Store) ResealSecrets(ctx context.Context, fn func(label string, value []byte) ([]byte, error)) (int, error) {
	changed := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		changed, err = s.resealIn(ctx, tx, fn)
		return err
	})
	return changed, err
}

// RotateMasterKey is ResealSecrets and, in the same transaction, every journal
// seal's MAC replaced by resign's: all of them change, or none.
func (s *Store) RotateMasterKey(ctx context.Context, reseal func(label string, value []byte) ([]byte, error),
	resign func(service.AuditSeal) ([]byte, error)) (int, error) {
	changed := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if changed, err = s.resealIn(ctx, tx, reseal); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+sealColumns+` FROM audit_seals ORDER BY id`)
		if err != nil {
			return err
		}
		var seals []service.AuditSeal
		for rows.Next() {
			se, err := scanSeal(rows)
			if err != nil {
				_ = rows.Close()
				return err
			}
			seals = append(seals, se)
		}
		if err := rows.Err(); err != nil { // a read cut short: no seal left under the old key
			_ = rows.Close()
			return err
		}
		if err := rows.Close(); err != nil {
			return err
		}
		for _, se := range seals {
			mac, err := resign(se)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE audit_seals SET mac = ? WHERE id = ?`), mac, se.ID); err != nil {
				return err
			}
		}
		return nil
	})
	return changed, err
}

// sealedSecrets are the columns that hold what the master key seals: each table's
// query of its names and values, its update of one value, and the label a value is
// sealed under.
var sealedSecrets = []struct {
	table, read, write string
	label              func(string) string
}{
	{`oauth_signing_keys`, `SELECT kid, private_der FROM oauth_signing_keys`, `UPDATE oauth_signing_keys SET private_der = ? WHERE kid = ?`, store.SigningKeyLabel},
	{`oauth_secrets`, `SELECT name, value FROM oauth_secrets`, `UPDATE oauth_secrets SET value = ? WHERE name = ?`, store.ServerSecretLabel},
	{`notify_smtp`, `SELECT firm, password FROM notify_smtp`, `UPDATE notify_smtp SET password = ? WHERE firm = ?`, store.SMTPPasswordLabel},
	{`notify_webhooks`, `SELECT id, secret FROM notify_webhooks`, `UPDATE notify_webhooks SET secret = ? WHERE id = ?`, store.WebhookSecretLabel},
	{`key_handovers`, `SELECT key_id, sealed_secret FROM key_handovers WHERE sealed_secret IS NOT NULL`,
		`UPDATE key_handovers SET sealed_secret = ? WHERE key_id = ? AND sealed_secret IS NOT NULL`, store.HandoverSecretLabel},
}

// secretRow is one value of sealedSecrets: the name its label is made from.
type secretRow struct {
	name  string
	value []byte
}

// readSecrets reads every row of one table of sealedSecrets.
func readSecrets(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, read string) ([]secretRow, error) {
	rs, err := q.QueryContext(ctx, read)
	if err != nil {
		return nil, err
	}
	var rows []secretRow
	for rs.Next() {
		var r secretRow
		if err := rs.Scan(&r.name, &r.value); err != nil {
			_ = rs.Close()
			return nil, err
		}
		rows = append(rows, r)
	}
	if err := rs.Close(); err != nil {
		return nil, err
	}
	return rows, rs.Err()
}

// resealIn is ResealSecrets in the caller's transaction.
func (s *Store) resealIn(ctx context.Context, tx *sql.Tx, fn func(label string, value []byte) ([]byte, error)) (int, error) {
	changed := 0
	for _, t := range sealedSecrets {
		rows, err := readSecrets(ctx, tx, t.read)
		if err != nil {
			return 0, err
		}
		for _, r := range rows {
			v, err := fn(t.label(r.name), r.value)
			if err != nil {
				return 0, err
			}
			if bytes.Equal(v, r.value) {
				continue
			}
			if _, err := tx.ExecContext(ctx, s.q(t.write), v, r.name); err != nil {
				return 0, err
			}
			changed++
		}
	}
	return changed, nil
}
