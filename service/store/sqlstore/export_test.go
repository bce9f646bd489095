package sqlstore

import "context"

// MigrateTo builds the schema up to migration n only, as an older Sésame left it.
func (s *Store) MigrateTo(ctx context.Context, n int) error { return s.migrateTo(ctx, n) }
