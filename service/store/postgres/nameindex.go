package postgres

import (
	"context"
	"unicode/utf8"

	"sesame/service/msg"
)

// MsgNameIndexMissing is what the server logs at start when the database lacks the
// trigram indexes of names (sqlstore.NameIndexSQL, its {{.SQL}}): Sésame's role
// could not create the pg_trgm extension. Listings by name still work, more slowly
// on many keys, until a database administrator runs those statements.
const MsgNameIndexMissing msg.Code = "store.name_index_missing"

// NameIndexMissing reports whether the database lacked, when the store was opened,
// the trigram index that listings by name read (MsgNameIndexMissing).
func (s *Store) NameIndexMissing() bool { return !s.nameIndex }

// hasNameIndex reports whether the keys' trigram index exists.
func hasNameIndex(ctx context.Context, s *Store) (bool, error) {
	var ok bool
	err := s.DB().QueryRowContext(ctx, `SELECT to_regclass('api_keys_name_trgm') IS NOT NULL`).Scan(&ok)
	return ok, err
}

// nameIndexed is the dialect's NameIndexed: the trigram index serves a « contient » of
// three characters or more, when the database has it.
func (s *Store) nameIndexed(folded string) bool {
	return s.nameIndex && utf8.RuneCountInString(folded) >= 3
}
