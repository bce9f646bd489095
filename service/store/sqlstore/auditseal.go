package sqlstore

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"

	"sesame/service"
	"sesame/service/store"
)

const sealColumns = `id, firm, seq, hash, at, mac`

// SealAudit seals the head of the chain. It takes the head row first, as an append
// does, so that seals and appends of every replica follow one another: a second
// replica sealing the same day finds the head sealed and writes nothing.
func (s *Store) SealAudit(ctx context.Context, r store.SealRequest) (service.AuditSeal, bool, error) {
	var out service.AuditSeal
	made := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		made = false
		if r.Event != nil {
			if err := s.insertAudit(ctx, tx, *r.Event); err != nil {
				return err
			}
		}
		var head service.AuditHead
		var sum []byte
		if err := tx.QueryRowContext(ctx, `UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, hash`).Scan(&head.Seq, &sum); err != nil {
			return err
		}
		head.Hash = hex.EncodeToString(sum)
		newest, err := scanSeal(tx.QueryRowContext(ctx, `SELECT `+sealColumns+` FROM audit_seals ORDER BY id DESC LIMIT 1`))
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if r.Event == nil && (head.Seq == 0 || newest.Seq == head.Seq ||
			(!r.NotAfter.IsZero() && newest.At.After(r.NotAfter))) {
			out = newest
			return nil
		}
		out = service.AuditSeal{ID: newest.ID + 1, Firm: r.Firm, Seq: head.Seq, Hash: head.Hash, At: time.UnixMicro(r.At.UnixMicro())}
		out.MAC = r.Sign(out)
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO audit_seals (`+sealColumns+`) VALUES (?, ?, ?, ?, ?, ?)`),
			out.ID, out.Firm, out.Seq, sum, out.At.UnixMicro(), out.MAC)
		made = err == nil
		return err
	})
	return out, made, err
}

// AuditSeals returns every seal, oldest first.
func (s *Store) AuditSeals(ctx context.Context) ([]service.AuditSeal, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+sealColumns+` FROM audit_seals ORDER BY id`)
	if err != nil {
		return nil, s.fail(err)
	}
	defer rows.Close()
	var out []service.AuditSeal
	for rows.Next() {
		se, err := scanSeal(rows)
		if err != nil {
			return nil, s.fail(err)
		}
		out = append(out, se)
	}
	return out, s.fail(rows.Err())
}

// scanSeal reads one row of sealColumns.
func scanSeal(row interface{ Scan(...any) error }) (service.AuditSeal, error) {
	var se service.AuditSeal
	var sum []byte
	var at int64
	if err := row.Scan(&se.ID, &se.Firm, &se.Seq, &sum, &at, &se.MAC); err != nil {
		return service.AuditSeal{}, err
	}
	se.Hash, se.At = hex.EncodeToString(sum), time.UnixMicro(at)
	return se, nil
}
