package sqlstore

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"sesame/service"
)

// The audit trail is one hash chain (service.ChainHash) over every event of the
// database. Its head, the one row of audit_head, holds the number of events appended
// and the last one's hash; an append takes that row first (UPDATE … RETURNING locks
// it until commit on PostgreSQL; SQLite transactions write one at a time), so that
// writers on several replicas still append one after the other: events are numbered
// 1, 2, 3… and each chains to the one before.

const auditColumns = `id, at, actor, login, action, key_id, key_name, tiers_code, service_id, addr, detail, hash`

// insertAudit appends an event to the chain in the caller's transaction.
func (s *Store) insertAudit(ctx context.Context, tx *sql.Tx, ev service.AuditEvent) error {
	var prev []byte
	err := tx.QueryRowContext(ctx, `UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash`).Scan(&ev.ID, &prev)
	if err != nil {
		return err
	}
	ev.At = time.UnixMicro(ev.At.UnixMicro()) // what the store keeps is what is hashed
	sum, err := hex.DecodeString(service.ChainHash(hex.EncodeToString(prev), ev))
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, s.q(`INSERT INTO audit_events (`+auditColumns+`, key_name_folded)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		ev.ID, ev.At.UnixMicro(), ev.Actor, ev.Login, string(ev.Action), ev.KeyID, ev.KeyName, ev.Tiers, ev.Service,
		ev.Addr, ev.Detail, sum, service.FoldName(ev.KeyName))
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, s.q(`UPDATE audit_head SET hash = ? WHERE id = 1`), sum)
	return err
}

// AppendAudit records an event on its own (a sign-in).
func (s *Store) AppendAudit(ctx context.Context, ev service.AuditEvent) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.insertAudit(ctx, tx, ev) })
}

// AuditHead returns the end of the chain.
func (s *Store) AuditHead(ctx context.Context) (service.AuditHead, error) {
	var h service.AuditHead
	var sum []byte
	err := s.db.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&h.Seq, &sum)
	h.Hash = hex.EncodeToString(sum)
	return h, s.fail(err)
}

// AuditHeadOf returns the event of tiers with the highest number below before (any
// when before is 0), as a head; zero when there is none, or no tiers. One query, by
// number: the chain's order, not a page's (by instant), which an import of older
// history does not follow.
func (s *Store) AuditHeadOf(ctx context.Context, tiers []string, before int64) (service.AuditHead, error) {
	if len(tiers) == 0 {
		return service.AuditHead{}, nil
	}
	args := make([]any, 0, len(tiers)+1)
	for _, t := range tiers {
		args = append(args, t)
	}
	q := `SELECT id, hash FROM audit_events WHERE tiers_code IN (` + placeholders(len(tiers)) + `)`
	if before > 0 {
		q, args = q+` AND id < ?`, append(args, before)
	}
	var h service.AuditHead
	var sum []byte
	err := s.db.QueryRowContext(ctx, s.q(q+` ORDER BY id DESC LIMIT 1`), args...).Scan(&h.Seq, &sum)
	if errors.Is(err, sql.ErrNoRows) {
		return service.AuditHead{}, nil
	}
	h.Hash = hex.EncodeToString(sum)
	return h, s.fail(err)
}

// auditWhere is the WHERE clause of a filter (Limit aside), or "".
func auditWhere(f service.AuditFilter) (string, []any) {
	var where []string
	var args []any
	if len(f.Tiers) > 0 {
		where = append(where, "tiers_code IN ("+placeholders(len(f.Tiers))+")")
		for _, t := range f.Tiers {
			args = append(args, t)
		}
	}
	where, args = auditCriteria(f, where, args)
	if f.Before > 0 {
		where, args = append(where, "id < ?"), append(args, f.Before)
	}
	if f.After > 0 {
		where, args = append(where, "id > ?"), append(args, f.After)
	}
	if len(where) == 0 {
		return "", args
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// auditCriteria appends to where and args the journal's criteria: period,
// administrator, action and key name (folded, as the key list's name criterion).
func auditCriteria(f service.AuditFilter, where []string, args []any) ([]string, []any) {
	if !f.From.IsZero() {
		where, args = append(where, "at >= ?"), append(args, f.From.UnixMicro())
	}
	if !f.To.IsZero() {
		where, args = append(where, "at < ?"), append(args, f.To.UnixMicro())
	}
	if f.Login != "" {
		where, args = append(where, "login = ?"), append(args, f.Login)
	}
	if f.Action != "" {
		where, args = append(where, "action = ?"), append(args, string(f.Action))
	}
	if f.KeyName != "" {
		where = append(where, `key_name_folded LIKE ? ESCAPE '\'`)
		args = append(args, "%"+escapeLike(service.FoldName(f.KeyName))+"%")
	}
	return where, args
}

// EachAudit calls fn with every event matching the filter (Limit aside), oldest
// first, from one query read as it streams: one event is held at a time, and the
// database sends the next rows while fn works. fn must not use the store; it stops
// at fn's first error and returns it as is.
func (s *Store) EachAudit(ctx context.Context, f service.AuditFilter, fn func(service.AuditEvent) error) error {
	where, args := auditWhere(f)
	query := s.q(`SELECT ` + auditColumns + ` FROM audit_events` + where + ` ORDER BY id`)
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return s.fail(err)
	}
	defer rows.Close()
	var sc auditScanner
	for rows.Next() {
		ev, err := sc.scan(rows)
		if err != nil {
			return s.fail(err)
		}
		if err := fn(ev); err != nil {
			return err
		}
	}
	return s.fail(rows.Err())
}

// CountAudit returns how many events match the filter (Limit aside).
func (s *Store) CountAudit(ctx context.Context, f service.AuditFilter) (int64, error) {
	where, args := auditWhere(f)
	var n int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT count(*) FROM audit_events`+where), args...).Scan(&n)
	return n, s.fail(err)
}

// auditScanner reads rows of auditColumns, reusing its buffers.
type auditScanner struct {
	at     int64
	action string
	hash   []byte
}

func (sc *auditScanner) scan(rows *sql.Rows) (service.AuditEvent, error) {
	var ev service.AuditEvent
	err := rows.Scan(&ev.ID, &sc.at, &ev.Actor, &ev.Login, &sc.action, &ev.KeyID, &ev.KeyName, &ev.Tiers, &ev.Service,
		&ev.Addr, &ev.Detail, &sc.hash)
	ev.At, ev.Action, ev.Hash = time.UnixMicro(sc.at), service.AuditAction(sc.action), hex.EncodeToString(sc.hash)
	return ev, err
}
