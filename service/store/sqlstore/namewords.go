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
// (« Paie … ») puts all its keys together, far along the whole walk. Keys are never
// renamed nor deleted, so a word's bounds only widen: they are written with each key
// (insertKey), computed by the import for the keys it copies (never read from the
// file), and computed once for the keys stored before them (the migration).

// nameWordsBatch is how many key_name_words rows one statement carries (5 parameters
// each: within both databases' limits).
const nameWordsBatch = 500

// keyName is what a key brings to key_name_words.
type keyName struct{ id, tiers, service, folded string }

// wordBounds is one row of key_name_words.
type wordBounds struct{ tiers, service, word, first, last string }

// upsertNameWordsSQL widens a word's bounds, or adds the word; a row whose bounds
// already hold the new ones is left alone.
const upsertNameWordsSQL = ` ON CONFLICT (tiers, service, word) DO UPDATE SET
	first_name = CASE WHEN excluded.first_name < key_name_words.first_name THEN excluded.first_name ELSE key_name_words.first_name END,
	last_name = CASE WHEN excluded.last_name > key_name_words.last_name THEN excluded.last_name ELSE key_name_words.last_name END
	WHERE excluded.first_name < key_name_words.first_name OR excluded.last_name > key_name_words.last_name`

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
				bounds[word{k.tiers, k.service, w}] = &wordBounds{k.tiers, k.service, w, k.folded, k.folded}
				continue
			}
			b.first, b.last = min(b.first, k.folded), max(b.last, k.folded)
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
		args := make([]any, 0, 5*len(batch))
		for _, b := range batch {
			args = append(args, b.tiers, b.service, b.word, b.first, b.last)
		}
		q := `INSERT INTO key_name_words (tiers, service, word, first_name, last_name) VALUES ` + tuples(len(batch), 5) + upsertNameWordsSQL
		if _, err := tx.ExecContext(ctx, s.q(q), args...); err != nil {
			return err
		}
	}
	return nil
}

// tuples returns n parenthesised lists of width placeholders, comma-separated.
func tuples(n, width int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
	return strings.TrimSuffix(strings.Repeat(one+", ", n), ", ")
}

// fillNameWords computes the words of every stored key's name: the migration that
// brings them, run once.
func (s *Store) fillNameWords(ctx context.Context, tx *sql.Tx) error {
	after := ""
	for {
		rows, err := tx.QueryContext(ctx, s.q(`SELECT id, tiers_code, service_id, name_folded FROM api_keys WHERE id > ? ORDER BY id LIMIT ?`), after, 5000)
		if err != nil {
			return err
		}
		var keys []keyName
		for rows.Next() {
			var k keyName
			if err := rows.Scan(&k.id, &k.tiers, &k.service, &k.folded); err != nil {
				rows.Close()
				return err
			}
			keys = append(keys, k)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(keys) == 0 {
			return nil
		}
		if err := s.insertNameWords(ctx, tx, keys); err != nil {
			return err
		}
		after = keys[len(keys)-1].id
	}
}

// nameBounds returns, for a listing of f sorted by name with a « contient » term, the
// first and the last folded name that a match may have: those of the words holding
// the term's longest word (service.NameWordOf). none is true when no word holds it:
// no key matches. ok is false when the words cannot say (another sort, no term, no
// letter a to z in it).
func (s *Store) nameBounds(ctx context.Context, f service.KeyFilter) (first, last string, none, ok bool, err error) {
	word := service.NameWordOf(service.FoldName(f.NameContains))
	if f.Sort != service.SortName || word == "" {
		return "", "", false, false, nil
	}
	var lo, hi sql.NullString
	err = s.db.QueryRowContext(ctx, s.q(`SELECT MIN(first_name), MAX(last_name) FROM key_name_words WHERE tiers = ? AND service = ? AND word LIKE ?`),
		f.Tiers, f.Service, "%"+word+"%"). // word is letters a to z only: nothing to escape
		Scan(&lo, &hi)
	if err != nil {
		return "", "", false, false, s.fail(err)
	}
	return lo.String, hi.String, !lo.Valid, true, nil
}
