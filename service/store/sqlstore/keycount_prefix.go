package sqlstore

import (
	"context"
	"slices"
	"strings"

	"sesame/service"
)

// countByPrefix counts the keys matching where (which holds the name criterion) as
// the name sort finds them (keylist_prefix.go): the names that start with the term, a
// range of the name index that stops at limit+1 keys, joined to the few whose name has
// the term further on. A common word that starts many names, say "paie", then costs
// a range of 10,001 index entries instead of a scan of every key of the tiers and
// service. ok is false when the dialect has no index of the names' tails or the term
// is found further on in many names.
func (s *Store) countByPrefix(ctx context.Context, f service.KeyFilter, where []string, args []any, limit int) (c service.KeyCount, ok bool, err error) {
	if f.NameContains == "" || s.d.NameTailProbe == "" {
		return c, false, nil
	}
	term := service.FoldName(f.NameContains)
	tail, few, err := s.tailProbe(ctx, f.Tiers, f.Service, term)
	if err != nil || !few {
		return c, false, err
	}
	cond := strings.Join(where, " AND ")
	col := "name_folded" + s.d.CollateBinary
	q := `SELECT COUNT(*) FROM (SELECT id FROM (SELECT id FROM api_keys WHERE ` + cond + ` AND ` + col + ` >= ? AND ` + col + ` < ? LIMIT ?) AS starts`
	all := append(slices.Clone(args), term, term+"\U0010FFFF", limit+1)
	if len(tail) > 0 {
		q += ` UNION SELECT id FROM api_keys WHERE ` + cond + ` AND id IN (` + strings.TrimSuffix(strings.Repeat("?, ", len(tail)), ", ") + `)`
		all = append(append(all, args...), tail...)
	}
	q += `) AS matches`
	var n int
	if err := s.db.QueryRowContext(ctx, s.q(q), all...).Scan(&n); err != nil {
		return c, false, s.fail(err)
	}
	return service.CountOf(n, limit), true, nil
}
