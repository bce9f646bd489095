package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"sesame/service"
)

// The keys' name words (service.NameWords): key_name_words holds one row per word of
// each key's folded name, in name order within a tiers, a service and a word;
// key_name_vocabulary the words a tiers and a service's keys use. « Contient » sorted
// by name reads the keys of the few words that contain the term, in name order,
// instead of walking the name index until a page of matches: a common first word
// (« Paie … ») puts all its keys together, far along that walk. Keys are never renamed
// nor deleted, so the rows are written with the key (insertKey), computed by the
// import for the keys it copies (never read from the file), and computed once for the
// keys stored before them (the migration).

// nameWordsMax is the most words a term may be found in for a listing to read their
// keys; past it, the term is so short or so common that the walk of the name index
// meets its matches early.
const nameWordsMax = 32

// nameWordsBatch is how many key_name_words rows one INSERT carries (5 parameters
// each: within both databases' limits).
const nameWordsBatch = 500

// keyName is what the word rows of a key are made of.
type keyName struct{ id, tiers, service, folded string }

// insertNameWords stores the words of keys' folded names and adds new ones to their
// tiers and service's vocabulary, in the vocabulary's order: each insert holds the
// rows it added until it commits, and two inserts that add the same words in
// different orders would wait for each other (a deadlock on PostgreSQL).
func (s *Store) insertNameWords(ctx context.Context, tx *sql.Tx, keys []keyName) error {
	type vocab struct{ tiers, service, word string }
	seen := map[vocab]bool{}
	var words []any
	var vocabulary []vocab
	flush := func(force bool) error {
		if n := len(words) / 5; n > 0 && (force || n >= nameWordsBatch) {
			q := `INSERT INTO key_name_words (tiers, service, word, sort_name, key_id) VALUES ` + tuples(n, 5) + ` ON CONFLICT DO NOTHING`
			if _, err := tx.ExecContext(ctx, s.q(q), words...); err != nil {
				return err
			}
			words = words[:0]
		}
		if n := len(vocabulary); n > 0 && (force || n >= nameWordsBatch) {
			slices.SortFunc(vocabulary, func(a, b vocab) int {
				return cmp.Or(strings.Compare(a.tiers, b.tiers), strings.Compare(a.service, b.service), strings.Compare(a.word, b.word))
			})
			args := make([]any, 0, 3*n)
			for _, v := range vocabulary {
				args = append(args, v.tiers, v.service, v.word)
			}
			q := `INSERT INTO key_name_vocabulary (tiers, service, word) VALUES ` + tuples(n, 3) + ` ON CONFLICT DO NOTHING`
			if _, err := tx.ExecContext(ctx, s.q(q), args...); err != nil {
				return err
			}
			vocabulary = vocabulary[:0]
		}
		return nil
	}
	for _, k := range keys {
		for _, w := range service.NameWords(k.folded) {
			words = append(words, k.tiers, k.service, w, k.folded, k.id)
			if v := (vocab{k.tiers, k.service, w}); !seen[v] {
				seen[v] = true
				vocabulary = append(vocabulary, v)
			}
		}
		if err := flush(false); err != nil {
			return err
		}
	}
	return flush(true)
}

// tuples returns n parenthesised lists of width placeholders, comma-separated.
func tuples(n, width int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
	return strings.TrimSuffix(strings.Repeat(one+", ", n), ", ")
}

// fillNameWords computes the word rows of every stored key: the migration that
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

// nameWordsHolding returns the words of tiers and service's key names that contain
// word (service.NameWordOf of a term); ok is false past nameWordsMax of them.
func (s *Store) nameWordsHolding(ctx context.Context, tiers, svc, word string) (words []string, ok bool, err error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT word FROM key_name_vocabulary WHERE tiers = ? AND service = ? AND word LIKE ? LIMIT ?`),
		tiers, svc, "%"+word+"%", nameWordsMax+1) // word is letters a to z only: nothing to escape
	if err != nil {
		return nil, false, s.fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		var w string
		if err := rows.Scan(&w); err != nil {
			return nil, false, s.fail(err)
		}
		words = append(words, w)
	}
	if err := rows.Err(); err != nil {
		return nil, false, s.fail(err)
	}
	return words, len(words) <= nameWordsMax, nil
}

// byNameWords returns, for a listing of f sorted by name (direction dir, cursor
// comparison cmp with its two values, or none), the query of one page's IDs (limit
// rows) read through the name words of f's "contains" term, with f's other criteria,
// and its arguments; ok is false when the words cannot serve it (another sort, no
// term or no letter a to z in it, too many words holding it).
func (s *Store) byNameWords(ctx context.Context, f service.KeyFilter, cmp, dir string, cursor []any, limit int) (query string, args []any, ok bool, err error) {
	word := service.NameWordOf(service.FoldName(f.NameContains))
	if f.Sort != service.SortName || word == "" {
		return "", nil, false, nil
	}
	words, ok, err := s.nameWordsHolding(ctx, f.Tiers, f.Service, word)
	if err != nil || !ok {
		return "", nil, false, err
	}
	if len(words) == 0 {
		return `SELECT id FROM api_keys WHERE 1 = 0`, nil, true, nil
	}
	// Each word's keys in name order, with the criteria, the first page of them; a key
	// whose name holds two of the words comes once (UNION).
	sel := keyCriteria(f)
	where := strings.Join(sel.where, " AND ")
	if cursor != nil {
		where += ` AND (key_name_words.sort_name, key_name_words.key_id) ` + cmp + ` (?, ?)`
	}
	branches := make([]string, len(words))
	for i, w := range words {
		// CROSS JOIN: SQLite reads key_name_words first, as its order is the page's.
		branches[i] = `SELECT id, name_folded FROM (SELECT api_keys.id, api_keys.name_folded FROM key_name_words CROSS JOIN api_keys
			WHERE key_name_words.tiers = ? AND key_name_words.service = ? AND key_name_words.word = ? AND api_keys.id = key_name_words.key_id AND ` + where + `
			ORDER BY key_name_words.sort_name ` + dir + `, key_name_words.key_id ` + dir + ` LIMIT ?) AS word` + strconv.Itoa(i)
		args = append(append(append(args, f.Tiers, f.Service, w), sel.args...), cursor...)
		args = append(args, limit)
	}
	query = `SELECT id FROM (` + strings.Join(branches, ` UNION `) + `) AS page ORDER BY name_folded ` + dir + `, id ` + dir + ` LIMIT ?`
	return query, append(args, limit), true, nil
}
