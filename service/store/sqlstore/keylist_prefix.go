package sqlstore

import (
	"context"
	"strings"

	"sesame/service"
)

// A name contains a term either at its start or after its first character. Sorted by
// name, the first kind is one range of the name index, however many keys it holds;
// the second kind, when few, comes from a text index over the names less their first
// character (Dialect.NameTailProbe). Without that split a common word that starts
// many names, say "paie", had the sorted scan walk every name before "paie…".

// tailProbe returns the IDs of the keys of a tiers and service whose folded name
// contains term after its first character; few is false when they are more than
// probeMax or the dialect has no such index.
func (s *Store) tailProbe(ctx context.Context, tiers, serviceID, term string) (ids []any, few bool, err error) {
	if s.d.NameTailProbe == "" {
		return nil, false, nil
	}
	return s.probeIDs(ctx, s.d.NameTailProbe, "%"+escapeLike(term)+"%", tiers, serviceID)
}

// prefixSplitQuery returns the query of one page, sorted by name (order), of the
// keys matching where (args) whose folded name starts with term (a range of the name
// index) or is one of the few tail IDs: both parts sorted and limited, merged, then
// the page's keys read.
func (s *Store) prefixSplitQuery(where []string, args []any, term string, tail []any, order string, limit int) (string, []any) {
	cond := strings.Join(where, " AND ")
	// Byte-wise order (COLLATE "C"): every string starting with term lies in
	// [term, term + U+10FFFF).
	col := "name_folded" + s.d.CollateBinary
	starts := `SELECT id FROM api_keys WHERE ` + cond + ` AND ` + col + ` >= ? AND ` + col + ` < ?` + order + ` LIMIT ?`
	out := append(append([]any{}, args...), term, term+"\U0010FFFF", limit)
	ids := `SELECT id FROM (` + starts + `) AS starts`
	if len(tail) > 0 {
		inside := `SELECT id FROM api_keys WHERE ` + cond + ` AND id IN (` +
			strings.TrimSuffix(strings.Repeat("?, ", len(tail)), ", ") + `)` + order + ` LIMIT ?`
		ids += ` UNION ALL SELECT id FROM (` + inside + `) AS inside`
		out = append(append(append(out, args...), tail...), limit)
	}
	q := `SELECT ` + keyColumns + ` FROM api_keys WHERE id IN (` + ids + `)` + order + ` LIMIT ?`
	return q, append(out, limit)
}

// splitByPrefix returns the query of a listing sorted by name that contains a term
// and its arguments, or ok false to keep the sorted scan: when the dialect has no tail
// index, or the term is found after the first character of many names.
func (s *Store) splitByPrefix(ctx context.Context, f service.KeyFilter, where []string, args []any, order string, limit int) (q string, out []any, ok bool, err error) {
	if f.Sort != service.SortName || s.d.NameTailProbe == "" {
		return "", nil, false, nil
	}
	folded := service.FoldName(f.NameContains)
	tail, few, err := s.tailProbe(ctx, f.Tiers, f.Service, folded)
	if err != nil || !few {
		return "", nil, false, err
	}
	q, out = s.prefixSplitQuery(where, args, folded, tail, order, limit)
	return q, out, true, nil
}
