package gui

import (
	"context"
	"slices"
	"strconv"

	"fyne.io/fyne/v2/lang"

	"sesame/service"
)

// tally is what the key table's count says: "50 sur 100 000 clés d'API", or "50 sur
// plus de 10 000 clés d'API" where the Portal stopped counting.
type tally struct {
	total *service.KeyCount // the keys matching the criteria, from the first page; nil if the Portal gave none
	extra bool              // the first row is the key just generated, shown outside the pages
	gone  int               // rows revoked since, that the status criterion no longer selects
}

// countText is the table's count sentence.
func (t *keyTable) countText() string {
	shown := len(t.keys) - t.tally.gone
	if t.tally.extra {
		shown--
	}
	c := t.tally.total
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

// countPage takes the count of a page the table loaded: a first page gives the total;
// a next page may hold the key just generated, already shown first, which then counts
// among the rows.
func (t *keyTable) countPage(reset bool, page *service.KeyPage) {
	if reset {
		t.tally = tally{total: page.Count}
		return
	}
	if t.tally.extra && t.pinned != nil {
		if i := slices.IndexFunc(page.Keys, func(k service.Key) bool { return k.ID == t.pinned.ID }); i >= 0 {
			page.Keys = slices.Delete(page.Keys, i, i+1)
			t.tally.extra = false
		}
	}
}

// countRevoked updates the count after a revocation of a row: when the status
// criterion keeps no revoked key, that row no longer matches (it stays in the table,
// marked Révoquée), and the Portal counts the matching keys again.
func (t *keyTable) countRevoked(wasExtra bool) {
	f := t.criteria()
	if len(f.Statuses) == 0 || slices.Contains(f.Statuses, service.StatusRevoked) || t.tally.total == nil {
		return
	}
	if !wasExtra {
		t.tally.gone++
	}
	seq := t.seq
	f.Sort, f.Descending, f.Limit = t.sort, t.desc, 1
	var page service.KeyPage
	t.run.run("count keys", t.busy, func(ctx context.Context) error {
		var err error
		page, err = t.backend.portal.ListKeys(ctx, f)
		return err
	}, func(err error) {
		if seq != t.seq || err != nil || page.Count == nil {
			return // reloaded meanwhile, or the list will say what failed next time
		}
		t.tally.total = page.Count
		t.refresh(t.empty.Text)
	})
}
