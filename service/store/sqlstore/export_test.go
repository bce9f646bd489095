package sqlstore

import (
	"context"

	"sesame/service"
)

// MigrateTo builds the schema up to migration n only, as an older Sésame left it.
func (s *Store) MigrateTo(ctx context.Context, n int) error { return s.migrateTo(ctx, n) }

// NameWordsQuery is the query of the first page's IDs that a listing of f (sorted by
// name, ascending) runs through the name words, with its arguments, in the
// database's placeholders; ok is false when the words do not serve f.
func (s *Store) NameWordsQuery(ctx context.Context, f service.KeyFilter) (query string, args []any, ok bool, err error) {
	query, args, ok, err = s.byNameWords(ctx, f, ">", "ASC", nil, f.Limit+1)
	return s.q(query), args, ok, err
}
