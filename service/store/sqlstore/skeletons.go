package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"

	"sesame/service"
)

// skeletonsVersion is the Go migration that computes name_skeleton (added by the SQL
// migration before it) for the keys stored before it existed.
const skeletonsVersion = 36

// skeletonsMigration fills name_skeleton from each key's name. Active keys that
// already look alike (e.g. "felix" and "Felix", accepted before) all keep working:
// the oldest gets the plain skeleton, so that no new key can take that look again,
// and each later one its skeleton followed by a separator no name can hold and its
// identifier, so that the unique index of migration 00037 can be built.
func (s *Store) skeletonsMigration() *goose.Migration {
	return goose.NewGoMigration(skeletonsVersion, &goose.GoFunc{RunTx: s.fillSkeletons}, nil)
}

func (s *Store) fillSkeletons(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, tiers_code, service_id, name, status FROM api_keys
		ORDER BY created_at, id`)
	if err != nil {
		return fmt.Errorf("read names: %w", err)
	}
	type fill struct{ id, skeleton string }
	var fills []fill
	taken := map[[3]string]bool{}
	for rows.Next() {
		var id, tiers, svc, name, status string
		if err := rows.Scan(&id, &tiers, &svc, &name, &status); err != nil {
			_ = rows.Close()
			return fmt.Errorf("read names: %w", err)
		}
		sk := service.KeyNameSkeleton(name)
		if status == string(service.StatusActive) {
			look := [3]string{tiers, svc, sk}
			if taken[look] {
				sk += "\x1f" + id
			}
			taken[look] = true
		}
		fills = append(fills, fill{id, sk})
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, s.q(`UPDATE api_keys SET name_skeleton = ? WHERE id = ?`))
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, f := range fills {
		if _, err := stmt.ExecContext(ctx, f.skeleton, f.id); err != nil {
			return fmt.Errorf("write skeleton of %s: %w", f.id, err)
		}
	}
	return nil
}
