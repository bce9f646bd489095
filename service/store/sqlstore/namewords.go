package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"

	"sesame/service"
)

// The words of the keys' names (service.NameWords): key_name_words holds, for each
// word of a tiers and a service's folded key names, the first and the last of those
// names that hold it. A key matching « contient » holds a word containing the term,
// so its name lies between the first and the last name of those words: a listing
// sorted by name walks only that part of the name index. A common first word
// (« Paie … ») puts all its keys together, far along the whole walk. How many keys hold
// each word bounds how many a term can match: a dialect whose text index serves a
// name criterion alone (Dialect.NameIndexed) reads a rare name's keys from it and
// sorts them. Keys are never renamed nor deleted, so a word's bounds only widen: they
// are written with each key (insertKey) and computed by the import for the keys it
// copies (never read from the file).

// nameWordsBatch is how many key_name_words rows one statement carries (6 parameters
// each: within both databases' limits).
const nameWordsBatch = 500

// keyName is what a key brings to key_name_words.
type keyName struct{ id, tiers, service, folded string }

// wordBounds is one row of key_name_words.
type wordBounds struct {
	tiers, service, word, first, last string
	keys                              int64
}

// upsertNameWordsSQL adds a word, or widens its bounds and counts its new keys.
const upsertNameWordsSQL = ` ON CONFLICT (tiers, service, word) DO UPDATE SET
	first_name = CASE WHEN excluded.first_name < key_name_words.first_name THEN excluded.first_name ELSE key_name_words.first_name END,
	last_name = CASE WHEN excluded.last_name > key_name_words.last_name THEN excluded.last_name ELSE key_name_words.last_name END,
	keys = key_name_words.keys + excluded.keys`

// insertNameWords widens the bounds of the words of keys' folded names. The rows are
// written in the table's order: a writer holds the rows it wrote until it commits,
// and two that wrote the same words in different orders would wait for each other
// (a deadlock on PostgreSQL).
func (s *Store) insertNameWords(ctx context.Context, tx *sql.Tx, keys []keyName) error {
	type word struct{ tiers, service, word string }
	bounds := map[word]*wordBounds{}
	for _, k := range keys {
		for _, w := range service.NameWords(k.folded) {
			b := bounds[word{k.tiers, k.service, w}]
			if b == nil {
				bounds[word{k.tiers, k.service, w}] = &wordBounds{k.tiers, k.service, w, k.folded, k.folded, 1}
				continue
			}
			b.first, b.last, b.keys = min(b.first, k.folded), max(b.last, k.folded), b.keys+1
		}
	}
	rows := make([]*wordBounds, 0, len(bounds))
	for _, b := range bounds {
		rows = append(rows, b)
	}
	slices.SortFunc(rows, func(a, b *wordBounds) int {
		return cmp.Or(strings.Compare(a.tiers, b.tiers), strings.Compare(a.service, b.service), strings.Compare(a.word, b.word))
	})
	for start := 0; start < len(rows); start += nameWordsBatch {
		batch := rows[start:min(start+nameWordsBatch, len(rows))]
		args := make([]any, 0, 6*len(batch))
		for _, b := range batch {
			args = append(args, b.tiers, b.service, b.word, b.first, b.last, b.keys)
		}
		q := `INSERT INTO key_name_words (tiers, service, word, first_name, last_name, keys) VALUES ` + tuples(len(batch), 6) + upsertNameWordsSQL
		if _, err := tx.ExecContext(ctx, s.q(q), args...); err != nil {
			return err
		}
	}
	return nil
}

// keyNamesSQL selects what keys bring to key_name_words (keyName's fields).
const keyNamesSQL = `SELECT id, tiers_code, service_id, name_folded FROM api_keys`

// scanKeyNames reads the rows of a keyNamesSQL query and closes them.
func scanKeyNames(rows *sql.Rows) ([]keyName, error) {
	defer rows.Close()
	var keys []keyName
	for rows.Next() {
		var k keyName
		if err := rows.Scan(&k.id, &k.tiers, &k.service, &k.folded); err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, rows.Err()
}

// nameWords is what key_name_words says of a listing's « contient » term.
type nameWords struct {
	// known is false when the words cannot say: no term, or no letter a to z in it.
	known bool
	// first and last are the first and last folded names that a match may have:
	// those of the words holding the term's longest word (service.NameWordOf).
	first, last string
	// keys is at most how many keys match: the sum of those words' keys.
	keys int64
}

// wordsOf returns what key_name_words says of f's « contient » term.
func (s *Store) wordsOf(ctx context.Context, f service.KeyFilter) (nameWords, error) {
	word := service.NameWordOf(service.FoldName(f.NameContains))
	if word == "" {
		return nameWords{}, nil
	}
	var first, last sql.NullString
	var keys int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT MIN(first_name), MAX(last_name), COALESCE(SUM(keys), 0) FROM key_name_words WHERE tiers = ? AND service = ? AND word LIKE ?`),
		f.Tiers, f.Service, "%"+word+"%"). // word is letters a to z only: nothing to escape
		Scan(&first, &last, &keys)
	if err != nil {
		return nameWords{}, s.fail(err)
	}
	return nameWords{known: true, first: first.String, last: last.String, keys: keys}, nil
}
