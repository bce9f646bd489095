package sqlstore

import (
	"context"
	"slices"
	"strings"

	"sesame/service"
)

// criteria are the WHERE terms and arguments a listing selected its keys with, before
// its cursor, and whether they fetch a few keys by ID (a probe found them).
type criteria struct {
	where []string
	args  []any
	byID  bool
}

// nameCondition is the term of the "name contains" criterion and its argument.
func nameCondition(f service.KeyFilter) (string, any) {
	return `name_folded LIKE ? ESCAPE '\'`, "%" + escapeLike(service.FoldName(f.NameContains)) + "%"
}

// countTerms are the terms the count of f's matches tests: the few keys a probe
// found, as the page has them; otherwise the criteria themselves (tiers, service, key
// life, name), with the key-life terms as their indexes serve them, where the page
// may have written them to keep a sorted scan.
func countTerms(f service.KeyFilter, crit criteria) ([]string, []any) {
	if crit.byID {
		return crit.where, crit.args
	}
	where := []string{"tiers_code = ?", "service_id = ?"}
	args := []any{f.Tiers, f.Service}
	life, lifeArgs := lifeConditions(f, false)
	where, args = append(where, life...), append(args, lifeArgs...)
	if f.NameContains != "" {
		cond, arg := nameCondition(f)
		where, args = append(where, cond), append(args, arg)
	}
	return where, args
}

// ListKeys returns one page of keys; f must be normalised (service.KeyFilter.Normalized).
// The first page (no cursor) also carries the count of the keys matching f, exact up
// to service.KeyCountMax and "more than" past it, unless f.NoCount. With f.CountOnly
// it carries that count alone: the criteria are written once, by listKeys, for a page
// of one key, whose probes also tell the count which terms to test.
func (s *Store) ListKeys(ctx context.Context, f service.KeyFilter) (service.KeyPage, error) {
	if f.CountOnly {
		f.Cursor, f.Limit, f.NoCount, f.CountOnly = "", 1, false, false
		page, err := s.ListKeys(ctx, f)
		return service.KeyPage{Count: page.Count}, err
	}
	var crit criteria
	page, err := s.listKeys(ctx, f, &crit)
	if err != nil || f.Cursor != "" || f.NoCount {
		return page, err
	}
	if page.Next == "" || len(crit.where) == 0 {
		// The whole list fits in this page (or a probe found no key): counted already.
		page.Count = &service.KeyCount{N: len(page.Keys)}
		return page, nil
	}
	where, args := countTerms(f, crit)
	if !crit.byID {
		c, ok, err := s.countByPrefix(ctx, f, where, args, service.KeyCountMax)
		if err != nil {
			return service.KeyPage{}, err
		}
		if ok {
			page.Count = &c
			return page, nil
		}
	}
	from := "api_keys"
	if s.d.CountFrom != "" && !crit.byID {
		from = s.d.CountFrom
	}
	c, err := s.countKeys(ctx, from, where, args, service.KeyCountMax)
	if err != nil {
		return service.KeyPage{}, err
	}
	page.Count = &c
	return page, nil
}

// countKeys counts the keys matching where, stopping at limit+1 of them: the cost of
// the count is bounded like that of a page, however many keys the firm holds.
func (s *Store) countKeys(ctx context.Context, from string, where []string, args []any, limit int) (service.KeyCount, error) {
	q := `SELECT COUNT(*) FROM (SELECT 1 FROM ` + from + ` WHERE ` + strings.Join(where, " AND ") + ` LIMIT ?) AS matches`
	var n int
	if err := s.db.QueryRowContext(ctx, s.q(q), append(slices.Clone(args), limit+1)...).Scan(&n); err != nil {
		return service.KeyCount{}, s.fail(err)
	}
	return service.CountOf(n, limit), nil
}
