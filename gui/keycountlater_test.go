package gui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"sesame/service"
)

// heldCount is the real Portal of the test, except that it holds each count asked
// for alone (CountOnly) until the test lets it go: a fake only there, to see the keys
// page between its rows and their count, and to choose the order the counts come
// back in. It also notes a first page asked for with its count.
type heldCount struct {
	service.Portal
	asked        chan chan struct{} // one gate per count asked for; closing it lets the count go
	countedPages int                // first pages asked for with their count
	end          chan struct{}      // closed when the test ends: every count goes
}

func (p *heldCount) ListKeys(ctx context.Context, f service.KeyFilter) (service.KeyPage, error) {
	if f.CountOnly {
		gate := make(chan struct{})
		p.asked <- gate
		select {
		case <-gate:
		case <-p.end: // the test ends, maybe failed before it let the count go
			return service.KeyPage{}, context.Canceled
		}
	} else if f.Cursor == "" && !f.NoCount {
		p.countedPages++
	}
	return p.Portal.ListKeys(ctx, f)
}

// The keys page shows its rows before their count: the first page comes without it,
// the label says the count is on its way, and the count comes apart. A count asked
// for criteria the user has changed since is never shown, even when it comes last.
func TestKeyCountComesAfterTheRows(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	tb := s.table
	h.bulkKeys("Clé", 0, 120)
	held := &heldCount{Portal: h.u.backend.portal, asked: make(chan chan struct{}, 4), end: make(chan struct{})}
	t.Cleanup(func() { close(held.end) }) // before the harness's, which waits for them
	h.u.backend.portal = held

	test.Tap(s.criteria.filter)
	h.pumpUntil(func() bool { return len(tb.keys) == 50 && tb.keys[0].Name == "Clé 00119" })
	wantCount(t, tb, "50 clés d'API, décompte en cours…", "rows shown, count held")
	stale := <-held.asked // the count of the 120 keys, still held

	// The user narrows the criteria while the first count is on its way.
	typeInto(s.criteria.name, "clé 000") // Clé 00000 … Clé 00099
	test.Tap(s.criteria.filter)
	h.pumpUntil(func() bool { return len(tb.keys) == 50 && tb.keys[0].Name == "Clé 00099" })
	wantCount(t, tb, "50 clés d'API, décompte en cours…", "new criteria, both counts held")
	current := <-held.asked

	close(current)
	h.pumpUntil(func() bool { return !tb.tally.Counting })
	wantCount(t, tb, "50 sur 100 clés d'API", "the count of the criteria applied")
	close(stale) // 120, for the criteria of before: dropped
	h.wait()
	wantCount(t, tb, "50 sur 100 clés d'API", "after the count of the former criteria came")

	// Every match on the first page: counted with it, no count asked for. (From a list
	// with a next page: its cursor once loaded the ten keys a second time.)
	typeInto(s.criteria.name, "clé 0001")
	h.tap(s.criteria.filter)
	wantCount(t, tb, "10 sur 10 clés d'API", "every match on the first page")
	if n := len(held.asked); n != 0 || held.countedPages != 0 {
		t.Errorf("%d counts asked for a page that holds every match, %d first pages asked for with their count; want none", n, held.countedPages)
	}
}
