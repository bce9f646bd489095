package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"sesame/service"
	"sesame/service/store"
)

const deliveryColumns = `id, firm, event_id, kind, channel, target, language, payload, status, attempts,
	created_at, next_at, last_at, last_result`

// EnqueueDeliveries stores the deliveries not stored yet.
func (s *Store) EnqueueDeliveries(ctx context.Context, ds []store.Delivery) (int, error) {
	stored := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		stored = 0
		for _, d := range ds {
			res, err := tx.ExecContext(ctx, s.q(`INSERT INTO notify_deliveries
				(firm, event_id, kind, channel, target, language, payload, status, attempts, created_at, next_at, lease_until, last_result)
				VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, 0, '')
				ON CONFLICT (event_id, channel, target) DO NOTHING`),
				d.Firm, d.EventID, string(d.Kind), d.Channel, d.Target, d.Language, string(d.Payload),
				d.CreatedAt.UnixMicro(), d.NextAt.UnixMicro())
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			stored += int(n)
		}
		return nil
	})
	return stored, err
}

// ClaimDeliveries leases the pending deliveries due at now. Each is taken by an
// UPDATE that holds only while nobody else's lease runs, so two replicas never
// hold the same.
func (s *Store) ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]store.Delivery, error) {
	at, until := now.UnixMicro(), now.Add(lease).UnixMicro()
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT id FROM notify_deliveries
		WHERE status = 'pending' AND next_at <= ? AND lease_until <= ? ORDER BY next_at, id LIMIT ?`), at, at, limit)
	if err != nil {
		return nil, s.fail(err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			_ = rows.Close()
			return nil, s.fail(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Close(); err != nil {
		return nil, s.fail(err)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail(err)
	}
	var out []store.Delivery
	for _, id := range ids {
		d, err := scanDelivery(s.db.QueryRowContext(ctx, s.q(`UPDATE notify_deliveries SET lease_until = ?
			WHERE id = ? AND status = 'pending' AND next_at <= ? AND lease_until <= ?
			RETURNING `+deliveryColumns), until, id, at, at))
		if errors.Is(err, sql.ErrNoRows) {
			continue // another replica took it
		}
		if err != nil {
			return nil, s.fail(err)
		}
		out = append(out, d)
	}
	return out, nil
}

// RecordAttempt records an attempt and what the delivery becomes.
func (s *Store) RecordAttempt(ctx context.Context, id int64, a store.DeliveryAttempt, next time.Time) (store.Delivery, error) {
	var out store.Delivery
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		status := store.DeliveryPending
		switch {
		case a.OK:
			status = store.DeliveryDelivered
		case next.IsZero():
			status = store.DeliveryFailed
		}
		var err error
		out, err = scanDelivery(tx.QueryRowContext(ctx, s.q(`UPDATE notify_deliveries
			SET attempts = attempts + 1, status = ?, next_at = ?, lease_until = 0, last_at = ?, last_result = ?
			WHERE id = ? RETURNING `+deliveryColumns),
			string(status), max(next.UnixMicro(), 0), a.At.UnixMicro(), a.Result, id))
		if errors.Is(err, sql.ErrNoRows) {
			return service.Errorf(service.ENOTFOUND, MsgDeliveryUnknown, nil)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO notify_attempts (delivery_id, n, at, ok, http_status, result)
			VALUES (?, ?, ?, ?, ?, ?)`), id, out.Attempts, a.At.UnixMicro(), boolInt(a.OK), a.HTTPStatus, a.Result)
		return err
	})
	return out, err
}

// Deliveries returns a firm's deliveries, newest first.
func (s *Store) Deliveries(ctx context.Context, firm string, status store.DeliveryStatus, limit int) ([]store.Delivery, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+deliveryColumns+` FROM notify_deliveries
		WHERE firm = ? AND (? = '' OR status = ?) ORDER BY id DESC LIMIT ?`), firm, string(status), string(status), limit)
	if err != nil {
		return nil, s.fail(err)
	}
	defer rows.Close()
	var out []store.Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, s.fail(err)
		}
		out = append(out, d)
	}
	return out, s.fail(rows.Err())
}

// Delivery returns one of a firm's deliveries and its attempts.
func (s *Store) Delivery(ctx context.Context, firm string, id int64) (store.Delivery, []store.DeliveryAttempt, error) {
	d, err := scanDelivery(s.db.QueryRowContext(ctx, s.q(`SELECT `+deliveryColumns+` FROM notify_deliveries WHERE firm = ? AND id = ?`), firm, id))
	if errors.Is(err, sql.ErrNoRows) {
		return store.Delivery{}, nil, service.Errorf(service.ENOTFOUND, MsgDeliveryUnknown, nil)
	}
	if err != nil {
		return store.Delivery{}, nil, s.fail(err)
	}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT at, ok, http_status, result FROM notify_attempts WHERE delivery_id = ? ORDER BY n`), id)
	if err != nil {
		return store.Delivery{}, nil, s.fail(err)
	}
	defer rows.Close()
	var out []store.DeliveryAttempt
	for rows.Next() {
		var a store.DeliveryAttempt
		var at int64
		var ok int
		if err := rows.Scan(&at, &ok, &a.HTTPStatus, &a.Result); err != nil {
			return store.Delivery{}, nil, s.fail(err)
		}
		a.At, a.OK = time.UnixMicro(at), ok != 0
		out = append(out, a)
	}
	return d, out, s.fail(rows.Err())
}

// RetryDelivery makes a failed delivery pending again.
func (s *Store) RetryDelivery(ctx context.Context, firm string, id int64, now time.Time) (store.Delivery, error) {
	var out store.Delivery
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = scanDelivery(tx.QueryRowContext(ctx, s.q(`UPDATE notify_deliveries SET status = 'pending', next_at = ?, lease_until = 0
			WHERE firm = ? AND id = ? AND status = 'failed' RETURNING `+deliveryColumns), now.UnixMicro(), firm, id))
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM notify_deliveries WHERE firm = ? AND id = ?`), firm, id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return service.Errorf(service.ENOTFOUND, MsgDeliveryUnknown, nil)
		}
		return service.Errorf(service.ECONFLICT, MsgNotFailed, nil)
	})
	return out, err
}

// NotifyCursor returns how far the notifier has read a source.
func (s *Store) NotifyCursor(ctx context.Context, name string) (int64, bool, error) {
	var pos int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT position FROM notify_cursors WHERE name = ?`), name).Scan(&pos)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return pos, err == nil, s.fail(err)
}

// AdvanceNotifyCursor moves a cursor forward, never back.
func (s *Store) AdvanceNotifyCursor(ctx context.Context, name string, pos int64) error {
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO notify_cursors (name, position) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET position = excluded.position WHERE notify_cursors.position < excluded.position`), name, pos)
	return s.fail(err)
}

func scanDelivery(row interface{ Scan(...any) error }) (store.Delivery, error) {
	var d store.Delivery
	var kind, status, payload string
	var created, next int64
	var last sql.NullInt64
	if err := row.Scan(&d.ID, &d.Firm, &d.EventID, &kind, &d.Channel, &d.Target, &d.Language, &payload, &status,
		&d.Attempts, &created, &next, &last, &d.LastResult); err != nil {
		return store.Delivery{}, err
	}
	d.Kind, d.Status, d.Payload = service.NotifyKind(kind), store.DeliveryStatus(status), []byte(payload)
	d.CreatedAt, d.LastAt = time.UnixMicro(created), fromMicros(last)
	if d.Status == store.DeliveryPending {
		d.NextAt = time.UnixMicro(next)
	}
	return d, nil
}
