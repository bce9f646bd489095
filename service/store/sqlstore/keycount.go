package sqlstore

import (
	"context"

	"sesame/service"
)

// ListKeys returns one page of keys; f must be normalised (service.KeyFilter.Normalized).
// The first page (no cursor) also carries the count of the keys matching f, exact up
// to service.KeyCountMax and "more than" past it, unless f.NoCount. With f.CountOnly
// it carries that count alone.
func (s *Store) ListKeys(ctx context.Context, f service.KeyFilter) (service.KeyPage, error) {
	if f.CountOnly {
		c, err := s.countKeys(ctx, f, service.KeyCountMax)
		return service.KeyPage{Count: &c}, err
	}
	page, err := s.listKeys(ctx, f)
	if err != nil || f.Cursor != "" || f.NoCount {
		return page, err
	}
	if page.Next == "" {
		// The whole list fits in this page: counted already.
		page.Count = &service.KeyCount{N: len(page.Keys)}
		return page, nil
	}
	c, err := s.countKeys(ctx, f, service.KeyCountMax)
	if err != nil {
		return service.KeyPage{}, err
	}
	page.Count = &c
	return page, nil
}

// countKeys counts the keys matching f's criteria, stopping at limit+1 of them: the
// cost of the count is bounded like that of a page, however many keys the firm holds.
func (s *Store) countKeys(ctx context.Context, f service.KeyFilter, limit int) (service.KeyCount, error) {
	sel, err := s.selectKeys(ctx, f)
	if err != nil {
		return service.KeyCount{}, err
	}
	q, args := sel.query("1", nil, []any{limit + 1}, ` LIMIT ?`)
	var n int
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM (`+q+`) AS matches`), args...).Scan(&n); err != nil {
		return service.KeyCount{}, s.fail(err)
	}
	return service.CountOf(n, limit), nil
}
