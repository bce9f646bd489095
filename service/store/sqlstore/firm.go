package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"sesame/service"
	"sesame/service/store"
)

// Tiers returns every tiers ordered by code.
func (s *Store) Tiers(ctx context.Context) ([]service.Tiers, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT code, name, attached_to FROM tiers ORDER BY code`))
	if err != nil {
		return nil, s.fail(err)
	}
	defer rows.Close()
	var out []service.Tiers
	for rows.Next() {
		var t service.Tiers
		var parent sql.NullString
		if err := rows.Scan(&t.Code, &t.Name, &parent); err != nil {
			return nil, s.fail(err)
		}
		t.AttachedTo = parent.String
		out = append(out, t)
	}
	return out, s.fail(rows.Err())
}

// AddTiers stores a new tiers.
func (s *Store) AddTiers(ctx context.Context, t service.Tiers) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM tiers WHERE code = ?`), t.Code).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return service.Errorf(service.ECONFLICT, service.MsgTiersExists, nil)
		}
		if t.AttachedTo != "" {
			if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM tiers WHERE code = ?`), t.AttachedTo).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return service.Errorf(service.ENOTFOUND, service.MsgTiersNotFound, nil)
			}
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO tiers (code, name, attached_to) VALUES (?, ?, ?)`),
			t.Code, t.Name, sql.NullString{String: t.AttachedTo, Valid: t.AttachedTo != ""})
		return err
	})
}

// Admin returns an administrator and the codes of the tiers they administer.
func (s *Store) Admin(ctx context.Context, login string) (store.Admin, error) {
	a := store.Admin{Login: login}
	err := s.db.QueryRowContext(ctx, s.q(`SELECT name, sic_code, password_hash FROM admins WHERE login = ?`), login).
		Scan(&a.Name, &a.SICCode, &a.PasswordHash)
	if errors.Is(err, sql.ErrNoRows) {
		return store.Admin{}, service.Errorf(service.ENOTFOUND, service.MsgAdminUnknown, nil)
	}
	if err != nil {
		return store.Admin{}, s.fail(err)
	}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT tiers_code FROM admin_tiers WHERE login = ? ORDER BY tiers_code`), login)
	if err != nil {
		return store.Admin{}, s.fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			return store.Admin{}, s.fail(err)
		}
		a.Tiers = append(a.Tiers, code)
	}
	return a, s.fail(rows.Err())
}

// PutAdmin creates or replaces an administrator and their tiers.
func (s *Store) PutAdmin(ctx context.Context, a store.Admin) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE admins SET name = ?, sic_code = ?, password_hash = ? WHERE login = ?`),
			a.Name, a.SICCode, a.PasswordHash, a.Login)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO admins (login, name, sic_code, password_hash) VALUES (?, ?, ?, ?)`),
				a.Login, a.Name, a.SICCode, a.PasswordHash); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM admin_tiers WHERE login = ?`), a.Login); err != nil {
			return err
		}
		for _, code := range a.Tiers {
			var n int
			if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM tiers WHERE code = ?`), code).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return service.Errorf(service.ENOTFOUND, service.MsgTiersNotFound, nil)
			}
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO admin_tiers (login, tiers_code) VALUES (?, ?)`), a.Login, code); err != nil {
				return err
			}
		}
		return nil
	})
}
