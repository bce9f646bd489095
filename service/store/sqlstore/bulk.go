package sqlstore

import (
	"context"
	"database/sql"

	"sesame/service"
	"sesame/service/store"
)

const insertKeySQL = `INSERT INTO api_keys (` + keyColumns + `, name_folded, name_skeleton)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func (s *Store) insertKey(ctx context.Context, tx *sql.Tx, k store.KeyRecord) error {
	var old service.OldSecret
	if k.OldSecret != nil && k.OldDigest != nil {
		old = *k.OldSecret
	}
	_, err := tx.ExecContext(ctx, s.q(insertKeySQL),
		k.ID, k.Tiers, k.Service, k.Name, k.Digest, k.SecretHint, k.CreatedAt.UnixMicro(), k.CreatedBy,
		string(k.Status), micros(k.RevokedAt), sql.NullString{String: k.RevokedBy, Valid: k.RevokedBy != ""},
		micros(k.LastUsedAt), micros(k.ExpiresAt),
		k.LastUsedFrom, max(k.Version, 1), micros(k.RenewedAt), k.OldDigest, micros(old.Until),
		micros(old.LastUsedAt), old.LastUsedFrom,
		service.FoldName(k.Name), service.KeyNameSkeleton(k.Name))
	return err
}

// BulkInsertKeys stores many keys in one transaction, without audit events: for the
// generator that fills a store for benchmarks, not for users' keys.
func (s *Store) BulkInsertKeys(ctx context.Context, keys []store.KeyRecord) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, k := range keys {
			if err := s.insertKey(ctx, tx, k); err != nil {
				return err
			}
		}
		return nil
	})
}
