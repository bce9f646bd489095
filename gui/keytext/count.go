package keytext

import (
	"strconv"

	"fyne.io/fyne/v2/lang"

	"sesame/service"
)

// Tally is what the key table's count says: "50 sur 100 000 clés d'API", or "50 sur
// plus de 10 000 clés d'API" where the Portal stopped counting. The rows come first,
// without their count; the table asks for the count apart and says it when it comes.
type Tally struct {
	Total    *service.KeyCount // the keys matching the criteria; nil until counted, or if the Portal does not count
	Counting bool              // the count is on its way: "50 clés d'API, décompte en cours…"
	Extra    bool              // the first row is the key just generated, shown outside the pages
	Gone     int               // rows revoked since, that the status criterion no longer selects
}

// Text is the count sentence of a table of rows keys; english groups the thousands
// the English way.
func (t Tally) Text(rows int, english bool) string {
	shown := rows - t.Gone
	if t.Extra {
		shown--
	}
	c := t.Total
	if c == nil && t.Counting {
		return lang.N("ui.cle_api_decompte_cours", rows, map[string]any{"Count": Count(rows, english)})
	}
	if c == nil { // a Portal that does not count: the rows only
		return lang.N("ui.cle_api_affichee", rows, map[string]any{"Count": rows})
	}
	var s string
	if c.More {
		s = lang.L("ui.shown_plus_total_cles_api", map[string]any{"Shown": Count(shown, english), "Total": Count(c.N, english)})
	} else {
		s = lang.N("ui.shown_total_cle_api", c.N, map[string]any{"Shown": Count(shown, english), "Total": Count(c.N, english)})
	}
	if t.Extra {
		s = lang.L("ui.nouvelle_cle", map[string]any{"Count": s})
	}
	return s
}

// Count writes n with its thousands grouped: "100 000" (a narrow no-break space)
// in French, "100,000" in English.
func Count(n int, english bool) string {
	sep := "\u202f"
	if english {
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
