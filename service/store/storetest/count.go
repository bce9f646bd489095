package storetest

import (
	"fmt"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// countSeen is the count a listing's first page gave, checked against the rows of
// every page once the last one is read (listAll): the count and the list must never
// disagree, whatever the criteria.
type countSeen struct{ first *service.KeyCount }

func (c *countSeen) see(t *testing.T, f service.KeyFilter, pageNo int, page service.KeyPage) {
	t.Helper()
	switch {
	case pageNo == 1 && page.Count == nil:
		t.Fatalf("ListKeys %s: first page without a count", describe(f))
	case pageNo > 1 && page.Count != nil:
		t.Fatalf("ListKeys %s page %d: a count (%+v) after the first page", describe(f), pageNo, *page.Count)
	}
	if pageNo == 1 {
		c.first = page.Count
	}
}

func (c *countSeen) check(t *testing.T, f service.KeyFilter, rows int) {
	t.Helper()
	if want := service.CountOf(rows, service.KeyCountMax); *c.first != want {
		t.Fatalf("ListKeys %s: the first page counted %+v, the pages hold %d keys (want %+v)", describe(f), *c.first, rows, want)
	}
}

// checkAlone fails unless the count asked for alone (CountOnly) is the first page's,
// with no key and no next page.
func (c *countSeen) checkAlone(t *testing.T, s store.Store, f service.KeyFilter) {
	t.Helper()
	f.CountOnly = true
	page, err := s.ListKeys(t.Context(), f)
	if err != nil {
		t.Fatalf("ListKeys %s, count only: %v", describe(f), err)
	}
	if page.Count == nil || *page.Count != *c.first || len(page.Keys) > 0 || page.Next != "" {
		t.Fatalf("ListKeys %s, count only: count %+v, %d keys, next %q; want %+v alone", describe(f), page.Count, len(page.Keys), page.Next, *c.first)
	}
}

// testListCount: the first page counts the keys matching the criteria, exactly up to
// service.KeyCountMax and "more than" past it; the pages after it, and a filter that
// asks for no count, carry none; a filter that asks for the count only has it alone.
func testListCount(t *testing.T, s store.Store) {
	seed(t, s)
	ctx := t.Context()
	r, ok := s.(rawDB)
	if !ok {
		t.Fatalf("%T does not expose its database to store %d keys", s, service.KeyCountMax+1)
	}
	// KeyCountMax active keys and one revoked in paie, three keys in loop.
	var keys []store.KeyRecord
	at := base
	for i := 0; i <= service.KeyCountMax; i++ {
		at = at.Add(time.Second)
		k := newKey(t, firm, paie, fmt.Sprintf("Masse %05d", i), at)
		if i == service.KeyCountMax {
			k.Status, k.RevokedAt, k.RevokedBy = service.StatusRevoked, at, creator
		}
		keys = append(keys, k)
	}
	// In loop, a word at the start of a name, twice in one, and further on in another.
	for i, name := range []string{"Petite 0", "Petite petite", "Une petite"} {
		keys = append(keys, newKey(t, firm, loop, name, at.Add(time.Duration(i)*time.Second)))
	}
	if err := InsertKeys(ctx, r.DB(), keys); err != nil {
		t.Fatalf("InsertKeys: %v", err)
	}
	active := []service.KeyStatus{service.StatusActive}
	revoked := []service.KeyStatus{service.StatusRevoked}
	for _, tc := range []struct {
		f    service.KeyFilter
		want service.KeyCount
	}{
		{service.KeyFilter{Service: paie}, service.KeyCount{N: service.KeyCountMax, More: true}},
		{service.KeyFilter{Service: paie, Statuses: active}, service.KeyCount{N: service.KeyCountMax}},
		{service.KeyFilter{Service: paie, Statuses: revoked}, service.KeyCount{N: 1}},
		{service.KeyFilter{Service: paie, NameContains: "masse 0"}, service.KeyCount{N: service.KeyCountMax}},
		{service.KeyFilter{Service: paie, NameContains: "MASSE 0999", Limit: 3}, service.KeyCount{N: 10}},
		{service.KeyFilter{Service: paie, NameContains: "personne"}, service.KeyCount{}},
		{service.KeyFilter{Service: paie, Sort: service.SortName, NameContains: "asse", Limit: 1}, service.KeyCount{N: service.KeyCountMax, More: true}},
		{service.KeyFilter{Service: loop, Limit: 2}, service.KeyCount{N: 3}},
		{service.KeyFilter{Service: loop, Limit: 3}, service.KeyCount{N: 3}},
		{service.KeyFilter{Service: loop, NameContains: "PETITE", Limit: 1}, service.KeyCount{N: 3}},
		{service.KeyFilter{Service: loop, NameContains: "petite", Sort: service.SortName, Limit: 2}, service.KeyCount{N: 3}},
	} {
		f := tc.f
		f.Tiers = firm
		f = f.Normalized()
		f.Now = at
		page, err := s.ListKeys(ctx, f)
		if err != nil {
			t.Fatalf("ListKeys %s: %v", describe(f), err)
		}
		if page.Count == nil || *page.Count != tc.want {
			t.Fatalf("ListKeys %s: count %+v, want %+v", describe(f), page.Count, tc.want)
		}
		(&countSeen{first: page.Count}).checkAlone(t, s, f)
		if page.Next == "" {
			continue
		}
		f.Cursor = page.Next
		if next, err := s.ListKeys(ctx, f); err != nil || next.Count != nil {
			t.Fatalf("ListKeys %s, second page: count %+v, %v; want none", describe(f), next.Count, err)
		}
	}
	f := service.KeyFilter{Tiers: firm, Service: paie, NoCount: true}.Normalized()
	if page, err := s.ListKeys(ctx, f); err != nil || page.Count != nil || len(page.Keys) != f.Limit {
		t.Fatalf("ListKeys without count: %d keys, count %+v, %v; want a page and no count", len(page.Keys), page.Count, err)
	}
	f.NoCount, f.CountOnly, f.Cursor = false, true, "not a cursor: ignored"
	if page, err := s.ListKeys(ctx, f); err != nil || page.Count == nil || *page.Count != (service.KeyCount{N: service.KeyCountMax, More: true}) || len(page.Keys) > 0 {
		t.Fatalf("ListKeys count only, any cursor: %d keys, count %+v, %v; want more than %d alone", len(page.Keys), page.Count, err, service.KeyCountMax)
	}
}
