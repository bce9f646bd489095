package sqlstore

import (
	"context"
	"strings"

	"sesame/service"
)

// criteria are the WHERE terms and arguments a listing selected its keys with, before
// its cursor: the same terms count the matches, so that the count and the rows never
// disagree.
type criteria struct {
	where []string
	args  []any
}

// ListKeys returns one page of keys; f must be normalised (service.KeyFilter.Normalized).
// The first page (no cursor) also carries the count of the keys matching f, exact up
// to service.KeyCountMax and "more than" past it, unless f.NoCount.
func (s *Store) ListKeys(ctx context.Context, f service.KeyFilter) (service.KeyPage, error) {
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
	c, err := s.countKeys(ctx, crit, service.KeyCountMax)
	if err != nil {
		return service.KeyPage{}, err
	}
	page.Count = &c
	return page, nil
}

// countKeys counts the keys matching crit, stopping at limit+1 of them: the cost of
// the count is bounded like that of a page, however many keys the firm holds.
func (s *Store) countKeys(ctx context.Context, crit criteria, limit int) (service.KeyCount, error) {
	q := `SELECT COUNT(*) FROM (SELECT 1 FROM api_keys WHERE ` + strings.Join(crit.where, " AND ") + ` LIMIT ?) AS matches`
	var n int
	if err := s.db.QueryRowContext(ctx, s.q(q), append(crit.args, limit+1)...).Scan(&n); err != nil {
		return service.KeyCount{}, s.fail(err)
	}
	return service.CountOf(n, limit), nil
}
