package sqlstore

import (
	"context"
	"database/sql"

	"sesame/service"
)

// Catalogue returns the stored catalogue in its stored order.
func (s *Store) Catalogue(ctx context.Context) (service.Catalogue, error) {
	var c service.Catalogue
	rows, err := s.db.QueryContext(ctx, `SELECT name FROM categories ORDER BY position`)
	if err != nil {
		return c, s.fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return c, s.fail(err)
		}
		c.Categories = append(c.Categories, name)
	}
	if err := rows.Err(); err != nil {
		return c, s.fail(err)
	}
	rows, err = s.db.QueryContext(ctx, `SELECT id, name, category, description, accepts_keys FROM services ORDER BY position`)
	if err != nil {
		return c, s.fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		var e service.CatalogueEntry
		var accepts int
		if err := rows.Scan(&e.ID, &e.Name, &e.Category, &e.Description, &accepts); err != nil {
			return c, s.fail(err)
		}
		e.AcceptsKeys = accepts != 0
		c.Entries = append(c.Entries, e)
	}
	return c, s.fail(rows.Err())
}

// PutCatalogue replaces the catalogue: new entries are added, known ones updated, and
// entries missing from c are removed unless keys refer to them (then kept, so no key
// loses its service).
func (s *Store) PutCatalogue(ctx context.Context, c service.Catalogue) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM categories`); err != nil {
			return err
		}
		for i, name := range c.Categories {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO categories (position, name) VALUES (?, ?)`), i, name); err != nil {
				return err
			}
		}
		// Park every position past the new ones so that removed entries that keys still
		// use sort last.
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE services SET position = position + ?`), len(c.Entries)+1_000_000); err != nil {
			return err
		}
		for i, e := range c.Entries {
			accepts := 0
			if e.AcceptsKeys {
				accepts = 1
			}
			res, err := tx.ExecContext(ctx, s.q(`UPDATE services SET position = ?, name = ?, category = ?, description = ?, accepts_keys = ? WHERE id = ?`),
				i, e.Name, e.Category, e.Description, accepts, e.ID)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 0 {
				if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO services (id, position, name, category, description, accepts_keys) VALUES (?, ?, ?, ?, ?, ?)`),
					e.ID, i, e.Name, e.Category, e.Description, accepts); err != nil {
					return err
				}
			}
		}
		_, err := tx.ExecContext(ctx, s.q(`DELETE FROM services WHERE position >= ? AND NOT EXISTS (SELECT 1 FROM api_keys WHERE api_keys.service_id = services.id)`),
			len(c.Entries))
		return err
	})
}
