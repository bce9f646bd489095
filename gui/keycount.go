package gui

import (
	"context"
	"log/slog"
	"slices"
	"strconv"

	"fyne.io/fyne/v2/lang"

	"sesame/service"
)

// tally is what the key table's count says: "50 sur 100 000 clés d'API", or "50 sur
// plus de 10 000 clés d'API" where the Portal stopped counting. The rows come first,
// without their count; the count is asked for apart (askCount) and said when it comes.
type tally struct {
	total    *service.KeyCount // the keys matching the criteria; nil until counted, or if the Portal does not count
	counting bool              // the count is on its way: "50 clés d'API, décompte en cours…"
	extra    bool              // the first row is the key just generated, shown outside the pages
	gone     int               // rows revoked since, that the status criterion no longer selects
}

// countText is the table's count sentence.
func (t *keyTable) countText() string {
	shown := len(t.keys) - t.tally.gone
	if t.tally.extra {
		shown--
	}
	c := t.tally.total
	if c == nil && t.tally.counting {
		return lang.N("{{.Count}} clé d'API, décompte en cours…", len(t.keys), map[string]any{"Count": formatCount(len(t.keys))})
	}
	if c == nil { // a Portal that does not count: the rows only
		return lang.N("{{.Count}} clé d'API affichée", len(t.keys), map[string]any{"Count": len(t.keys)})
	}
	var s string
	if c.More {
		s = lang.L("{{.Shown}} sur plus de {{.Total}} clés d'API", map[string]any{"Shown": formatCount(shown), "Total": formatCount(c.N)})
	} else {
		s = lang.N("{{.Shown}} sur {{.Total}} clé d'API", c.N, map[string]any{"Shown": formatCount(shown), "Total": formatCount(c.N)})
	}
	if t.tally.extra {
		s = lang.L("{{.Count}} + la nouvelle clé", map[string]any{"Count": s})
	}
	return s
}

// formatCount writes n with its thousands grouped: "100 000" (a narrow no-break space)
// in French, "100,000" in English.
func formatCount(n int) string {
	sep := "\u202f"
	if speaksEnglish() {
		sep = ","
	}
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// countPage takes the count of a page the table loaded with the criteria f: a first
// page that holds every match is counted already; otherwise, unless the Portal counted
// it anyway, the count is asked for apart. A next page may hold the key just
// generated, already shown first, which then counts among the rows.
func (t *keyTable) countPage(reset bool, f service.KeyFilter, page *service.KeyPage) {
	if reset {
		t.tally = tally{total: page.Count}
		switch {
		case page.Count != nil:
		case page.Next == "":
			t.tally.total = &service.KeyCount{N: len(page.Keys)}
		default:
			t.askCount(f)
		}
		return
	}
	if t.tally.extra && t.pinned != nil {
		if i := slices.IndexFunc(page.Keys, func(k service.Key) bool { return k.ID == t.pinned.ID }); i >= 0 {
			page.Keys = slices.Delete(page.Keys, i, i+1)
			t.tally.extra = false
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
	t.tally.counting = true
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
		t.tally.counting = false
		if err != nil {
			slog.Info("count keys failed", "code", service.ErrorCode(err), "err", err)
		} else {
			t.tally.total = page.Count
		}
		t.refresh(t.empty.Text)
	})
}

// countRevoked updates the count after a revocation of a row: when the status
// criterion keeps no revoked key, that row no longer matches (it stays in the table,
// marked Révoquée), and the Portal counts the matching keys again.
func (t *keyTable) countRevoked(wasExtra bool) {
	f := t.criteria()
	if len(f.Statuses) == 0 || slices.Contains(f.Statuses, service.StatusRevoked) || t.tally.total == nil && !t.tally.counting {
		return
	}
	if !wasExtra {
		t.tally.gone++
	}
	f.Sort, f.Descending = t.sort, t.desc
	t.askCount(f)
}
