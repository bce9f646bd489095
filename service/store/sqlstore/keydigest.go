package sqlstore

import (
	"context"

	"sesame/service"
	"sesame/service/store"
)

// KeysByDigest returns the keys whose secret or old secret has one of the digests.
func (s *Store) KeysByDigest(ctx context.Context, digests [][]byte) ([]store.KeyRecord, error) {
	if err := service.CheckDigests(digests); err != nil {
		return nil, err
	}
	if len(digests) == 0 {
		return nil, nil
	}
	marks := placeholders(len(digests))
	args := make([]any, 0, 2*len(digests))
	for _, d := range digests {
		args = append(args, d)
	}
	args = append(args, args...)
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+keyColumns+` FROM api_keys
		WHERE secret_digest IN (`+marks+`) OR old_secret_digest IN (`+marks+`) ORDER BY id`), args...)
	if err != nil {
		return nil, s.fail(err)
	}
	defer rows.Close()
	var out []store.KeyRecord
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, s.fail(err)
		}
		out = append(out, k)
	}
	return out, s.fail(rows.Err())
}
