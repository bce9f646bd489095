package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"sesame/service"
	"sesame/service/msg"
	"sesame/service/store"
)

// MsgNoSMTP and the other codes are what the notification settings' errors say.
const (
	MsgNoSMTP          msg.Code = "notify.no_smtp"
	MsgWebhookNotFound msg.Code = "notify.webhook_not_found"
	MsgNoChoice        msg.Code = "notify.no_choice"
	MsgDeliveryUnknown msg.Code = "notify.delivery_not_found"
	MsgNotFailed       msg.Code = "notify.delivery_not_failed"
)

// SMTP returns a firm's SMTP settings.
func (s *Store) SMTP(ctx context.Context, firm string) (store.SMTPSettings, error) {
	c := store.SMTPSettings{Firm: firm}
	var tls int
	var at int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT host, port, starttls, username, password, sender, updated_at, updated_by
		FROM notify_smtp WHERE firm = ?`), firm).
		Scan(&c.Host, &c.Port, &tls, &c.User, &c.Password, &c.From, &at, &c.UpdatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return store.SMTPSettings{}, service.Errorf(service.ENOTFOUND, MsgNoSMTP, nil)
	}
	if err != nil {
		return store.SMTPSettings{}, s.fail(err)
	}
	c.StartTLS, c.UpdatedAt = tls != 0, fromMicros(sql.NullInt64{Int64: at, Valid: true})
	return c, nil
}

// PutSMTP stores a firm's SMTP settings.
func (s *Store) PutSMTP(ctx context.Context, c store.SMTPSettings) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM notify_smtp WHERE firm = ?`), c.Firm); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO notify_smtp
			(firm, host, port, starttls, username, password, sender, updated_at, updated_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			c.Firm, c.Host, c.Port, boolInt(c.StartTLS), c.User, nonNil(c.Password), c.From, c.UpdatedAt.UnixMicro(), c.UpdatedBy)
		return err
	})
}

const webhookColumns = `id, firm, url, secret, kinds, created_at, created_by`

// AddWebhook stores a new webhook.
func (s *Store) AddWebhook(ctx context.Context, w store.Webhook) error {
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO notify_webhooks (`+webhookColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?)`),
		w.ID, w.Firm, w.URL, nonNil(w.Secret), service.JoinKinds(w.Kinds), w.CreatedAt.UnixMicro(), w.CreatedBy)
	return s.fail(err)
}

// Webhooks returns a firm's webhooks, oldest first.
func (s *Store) Webhooks(ctx context.Context, firm string) ([]store.Webhook, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+webhookColumns+` FROM notify_webhooks WHERE firm = ? ORDER BY created_at, id`), firm)
	if err != nil {
		return nil, s.fail(err)
	}
	defer rows.Close()
	var out []store.Webhook
	for rows.Next() {
		w, err := scanWebhook(rows)
		if err != nil {
			return nil, s.fail(err)
		}
		out = append(out, w)
	}
	return out, s.fail(rows.Err())
}

// Webhook returns one webhook.
func (s *Store) Webhook(ctx context.Context, id string) (store.Webhook, error) {
	w, err := scanWebhook(s.db.QueryRowContext(ctx, s.q(`SELECT `+webhookColumns+` FROM notify_webhooks WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return store.Webhook{}, service.Errorf(service.ENOTFOUND, MsgWebhookNotFound, nil)
	}
	return w, s.fail(err)
}

// RemoveWebhook deletes one of a firm's webhooks.
func (s *Store) RemoveWebhook(ctx context.Context, firm, id string) error {
	res, err := s.db.ExecContext(ctx, s.q(`DELETE FROM notify_webhooks WHERE firm = ? AND id = ?`), firm, id)
	if err != nil {
		return s.fail(err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return service.Errorf(service.ENOTFOUND, MsgWebhookNotFound, err)
	}
	return nil
}

func scanWebhook(row interface{ Scan(...any) error }) (store.Webhook, error) {
	var w store.Webhook
	var kinds string
	var at int64
	if err := row.Scan(&w.ID, &w.Firm, &w.URL, &w.Secret, &kinds, &at, &w.CreatedBy); err != nil {
		return store.Webhook{}, err
	}
	w.Kinds, w.CreatedAt = service.SplitKinds(kinds), fromMicros(sql.NullInt64{Int64: at, Valid: true})
	return w, nil
}

// NotifyChoice returns an administrator's choices.
func (s *Store) NotifyChoice(ctx context.Context, login string) (store.NotifyChoice, error) {
	c, err := scanChoice(s.db.QueryRowContext(ctx, s.q(`SELECT login, firm, email, language, kinds FROM notify_choices WHERE login = ?`), login))
	if errors.Is(err, sql.ErrNoRows) {
		return store.NotifyChoice{}, service.Errorf(service.ENOTFOUND, MsgNoChoice, nil)
	}
	return c, s.fail(err)
}

// PutNotifyChoice stores an administrator's choices.
func (s *Store) PutNotifyChoice(ctx context.Context, c store.NotifyChoice) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM notify_choices WHERE login = ?`), c.Login); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO notify_choices (login, firm, email, language, kinds) VALUES (?, ?, ?, ?, ?)`),
			c.Login, c.Firm, c.Email, c.Language, service.JoinKinds(c.Kinds))
		return err
	})
}

// NotifyChoices returns the choices of a firm's administrators (every firm's for "").
func (s *Store) NotifyChoices(ctx context.Context, firm string) ([]store.NotifyChoice, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT login, firm, email, language, kinds FROM notify_choices
		WHERE ? = '' OR firm = ? ORDER BY login`), firm, firm)
	if err != nil {
		return nil, s.fail(err)
	}
	defer rows.Close()
	var out []store.NotifyChoice
	for rows.Next() {
		c, err := scanChoice(rows)
		if err != nil {
			return nil, s.fail(err)
		}
		out = append(out, c)
	}
	return out, s.fail(rows.Err())
}

func scanChoice(row interface{ Scan(...any) error }) (store.NotifyChoice, error) {
	var c store.NotifyChoice
	var kinds string
	if err := row.Scan(&c.Login, &c.Firm, &c.Email, &c.Language, &kinds); err != nil {
		return store.NotifyChoice{}, err
	}
	c.Kinds = service.SplitKinds(kinds)
	return c, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// nonNil stores an absent secret as empty bytes, the columns being NOT NULL.
func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}
