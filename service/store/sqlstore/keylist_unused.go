package sqlstore

import (
	"strings"
	"time"

	"sesame/service"
)

// "Inutilisée depuis plus de N jours" sorted by creation, newest first: a key is
// unused since the cutoff when its last use, or its creation if it was never used, is
// before it. A key is used after its creation, so such keys were created before the
// cutoff too, and the listing can start its walk of the creation index there instead
// of passing every key created since (10,000,000 keys, 90 days: 800,000 of them). A
// last use recorded before the creation (a replica's clock behind) breaks that rule:
// those keys come from an index of their own (00046), and the two sorted parts are
// merged.

// unusedByCreation reports whether f's listing takes that route.
func unusedByCreation(f service.KeyFilter) bool {
	return f.Sort == service.SortCreatedAt && f.UnusedDays > 0 && f.NameContains == ""
}

// unusedCutoff is the instant before which a key unused for f.UnusedDays was last
// used (or created), in Unix microseconds.
func unusedCutoff(f service.KeyFilter) int64 {
	return f.Now.Add(-time.Duration(f.UnusedDays) * 24 * time.Hour).UnixMicro()
}

// unusedSplitQuery returns the query of one page, sorted by creation (order), of the
// keys matching where (args), an unused criterion among them: those created before
// the cutoff, and those created since but last used before their creation, each
// sorted and limited, merged, then the page's keys read.
func unusedSplitQuery(f service.KeyFilter, where []string, args []any, order string, limit int) (string, []any) {
	cond := strings.Join(where, " AND ")
	cutoff := unusedCutoff(f)
	before := `SELECT id FROM (SELECT id FROM api_keys WHERE ` + cond + ` AND created_at < ?` + order + ` LIMIT ?) AS before_cutoff`
	since := `SELECT id FROM (SELECT id FROM api_keys WHERE ` + cond + ` AND created_at >= ? AND last_used_at < created_at` +
		order + ` LIMIT ?) AS used_before_creation`
	q := `SELECT ` + keyColumns + ` FROM api_keys WHERE id IN (` + before + ` UNION ALL ` + since + `)` + order + ` LIMIT ?`
	out := append(append([]any{}, args...), cutoff, limit)
	out = append(append(out, args...), cutoff, limit)
	return q, append(out, limit)
}
