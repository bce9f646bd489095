package gui

import (
	"context"
	"log/slog"
	"slices"

	"sesame/gui/keytext"
	"sesame/service"
)

// countPage takes the count of a page the table loaded with the criteria f: a first
// page that holds every match is counted already; otherwise, unless the Portal counted
// it anyway, the count is asked for apart. A next page may hold the key just
// generated, already shown first, which then counts among the rows.
func (t *keyTable) countPage(reset bool, f service.KeyFilter, page *service.KeyPage) {
	if reset {
		t.tally = keytext.Tally{Total: page.Count}
		switch {
		case page.Count != nil:
		case page.Next == "":
			t.tally.Total = &service.KeyCount{N: len(page.Keys)}
		default:
			t.askCount(f)
		}
		return
	}
	if t.tally.Extra && t.pinned != nil {
		if i := slices.IndexFunc(page.Keys, func(k service.Key) bool { return k.ID == t.pinned.ID }); i >= 0 {
			page.Keys = slices.Delete(page.Keys, i, i+1)
			t.tally.Extra = false
		}
	}
}

// askCount asks the Portal, in the background, how many keys match f, and says it
// when it comes, unless the table was loaded again or counted again meanwhile: each
// request carries the number countSeq had, and an answer for older criteria is
// dropped. A count that fails leaves the rows' number alone; the next request that
// fails in the foreground tells the user why.
func (t *keyTable) askCount(f service.KeyFilter) {
	t.countSeq++
	seq := t.countSeq
	t.tally.Counting = true
	f.Cursor, f.NoCount, f.CountOnly = "", false, true
	var page service.KeyPage
	t.run.run("count keys", nil, func(ctx context.Context) error {
		var err error
		page, err = t.backend.portal.ListKeys(ctx, f)
		return err
	}, func(err error) {
		if seq != t.countSeq {
			return // asked for other criteria, or counted again, since
		}
		t.tally.Counting = false
		if err != nil {
			slog.Info("count keys failed", "code", service.ErrorCode(err), "err", err)
		} else {
			t.tally.Total = page.Count
		}
		t.refresh(t.empty.Text)
	})
}

// countRevoked updates the count after a revocation of a row: when the status
// criterion keeps no revoked key, that row no longer matches (it stays in the table,
// marked Révoquée), and the Portal counts the matching keys again.
func (t *keyTable) countRevoked(wasExtra bool) {
	f := t.criteria()
	if len(f.Statuses) == 0 || slices.Contains(f.Statuses, service.StatusRevoked) || t.tally.Total == nil && !t.tally.Counting {
		return
	}
	if !wasExtra {
		t.tally.Gone++
	}
	f.Sort, f.Descending = t.sort, t.desc
	t.askCount(f)
}
