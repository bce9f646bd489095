package sqlstore

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"sesame/service"
)

// cursor is where a page ends: the sort it belongs to and the last row's sort value and
// ID (keyset paging: each page costs the same however deep the user scrolls).
type cursor struct {
	Sort service.KeySortField `json:"s"`
	Desc bool                 `json:"d"`
	Text string               `json:"t,omitempty"`
	Num  int64                `json:"n,omitempty"`
	ID   string               `json:"i"`
}

func (c cursor) encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) (cursor, error) {
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID == "" {
		return c, service.Errorf(service.EINVALID, service.MsgListCursorInvalid, err)
	}
	return c, nil
}

// sortColumn returns the column behind a sortable field and whether it holds text.
func sortColumn(f service.KeySortField) (string, bool) {
	switch f {
	case service.SortName:
		return "name_folded", true
	case service.SortCreator:
		return "created_by", true
	case service.SortStatus:
		return "status", true
	case service.SortLastUsed:
		return "COALESCE(last_used_at, 0)", false
	default:
		return "created_at", false
	}
}

// keySelection is what a listing and its count select keys from and by.
type keySelection struct {
	with     string // a WITH clause that the query starts with, or ""
	withArgs []any
	from     string   // api_keys, or the keys the WITH clause reads
	where    []string // the criteria's terms, over api_keys
	args     []any
}

// query returns a query selecting what (e.g. keyColumns) of the selected keys, with
// extra terms (and their arguments) and a tail (ORDER BY, LIMIT), and its arguments.
func (k keySelection) query(what string, terms []string, termArgs []any, tail string) (string, []any) {
	q := k.with + `SELECT ` + what + ` FROM ` + k.from + ` WHERE ` + strings.Join(append(slices.Clone(k.where), terms...), " AND ") + tail
	return q, append(append(slices.Clone(k.withArgs), k.args...), termArgs...)
}

// selectKeys returns the selection of f's criteria: tiers, service, status judged at
// f.Now, key life (expiry, no expiry, use, an old secret's grace) and name.
func (s *Store) selectKeys(ctx context.Context, f service.KeyFilter) (keySelection, error) {
	k := keySelection{from: "api_keys", where: []string{"tiers_code = ?", "service_id = ?"}, args: []any{f.Tiers, f.Service}}
	if cond, condArgs := statusCondition(f.Statuses, f.Now); cond != "" {
		k.where, k.args = append(k.where, cond), append(k.args, condArgs...)
	}
	if f.Kind != "" {
		k.where, k.args = append(k.where, "kind = ?"), append(k.args, string(f.Kind))
	}
	if f.PartnerContains != "" {
		k.where = append(k.where, `partner_name_folded LIKE ? ESCAPE '\'`)
		k.args = append(k.args, "%"+escapeLike(service.FoldName(f.PartnerContains))+"%")
	}
	if !f.ExpiresBefore.IsZero() {
		k.where, k.args = append(k.where, "expires_at < ?"), append(k.args, f.ExpiresBefore.UnixMicro())
		if unexpiredOnly(f.Statuses) {
			// What the status terms say already, said as a bound: with the one
			// above, a range of api_keys_by_expiry.
			k.where, k.args = append(k.where, "expires_at > ?"), append(k.args, f.Now.UnixMicro())
		}
	}
	if f.NoExpiry {
		k.where = append(k.where, "expires_at IS NULL")
	}
	if f.NoAddressRestriction {
		k.where = append(k.where, "allowed_addresses = ''")
	}
	if f.GraceOverDays > 0 {
		k.where = append(k.where, "old_secret_digest IS NOT NULL", "(old_secret_until IS NULL OR old_secret_until > ?)", "renewed_at < ?")
		k.args = append(k.args, f.Now.UnixMicro(), f.Now.Add(-time.Duration(f.GraceOverDays)*24*time.Hour).UnixMicro())
	}
	if f.UnusedDays > 0 {
		k.where = append(k.where, "COALESCE(last_used_at, created_at) < ?")
		k.args = append(k.args, f.Now.Add(-time.Duration(f.UnusedDays)*24*time.Hour).UnixMicro())
	}
	if f.NameContains != "" {
		folded := service.FoldName(f.NameContains)
		ids, few, err := s.nameCandidates(ctx, "api_keys", folded)
		if err != nil {
			return k, err
		}
		if few {
			// The few keys whose name holds the term are read by rowid first, then
			// tested, sorted and paged like any others, instead of being looked for
			// in a walk of the sort's index.
			k.with, k.withArgs, k.from = candidates("api_keys", ids), ids, "candidates"
		}
		k.where = append(k.where, `name_folded LIKE ? ESCAPE '\'`)
		k.args = append(k.args, "%"+escapeLike(folded)+"%")
	}
	return k, nil
}

// candidatesMax is the most keys or events a name may be found in for a listing to
// read them by rowid; past it, matches come quickly in the walk of an index.
const candidatesMax = 500

// nameCandidates returns, when the dialect has a text index of table's names that
// serves term (SQLite's), the rowids of the rows whose folded name contains it; few is
// false without such an index or past candidatesMax rows.
func (s *Store) nameCandidates(ctx context.Context, table, term string) (ids []any, few bool, err error) {
	if s.d.NameIndex == nil {
		return nil, false, nil
	}
	query, arg, ok := s.d.NameIndex(table, term)
	if !ok {
		return nil, false, nil
	}
	rows, err := s.db.QueryContext(ctx, s.q(query), arg, candidatesMax+1)
	if err != nil {
		return nil, false, s.fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, false, s.fail(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, false, s.fail(err)
	}
	return ids, len(ids) <= candidatesMax, nil
}

// candidates is a WITH clause naming "candidates" the rows of table whose rowids
// are ids (as many placeholders), read by rowid first, before any other term.
func candidates(table string, ids []any) string {
	in := "NULL" // none found: a list that matches nothing
	if len(ids) > 0 {
		in = placeholders(len(ids))
	}
	return `WITH candidates AS MATERIALIZED (SELECT * FROM ` + table + ` WHERE rowid IN (` + in + `)) `
}

// listKeys returns one page of keys; f must be normalised (service.KeyFilter.Normalized).
// One query: the criteria, the cursor as a row-value comparison (a range of the sort's
// index on both databases), the sort and the page's size.
func (s *Store) listKeys(ctx context.Context, f service.KeyFilter) (service.KeyPage, error) {
	col, text := sortColumn(f.Sort)
	sel, err := s.selectKeys(ctx, f)
	if err != nil {
		return service.KeyPage{}, err
	}
	var where []string
	var args []any
	cmp, dir := ">", "ASC"
	if f.Descending {
		cmp, dir = "<", "DESC"
	}
	if f.Cursor != "" {
		c, err := decodeCursor(f.Cursor)
		if err != nil {
			return service.KeyPage{}, err
		}
		if c.Sort != f.Sort || c.Desc != f.Descending {
			return service.KeyPage{}, service.Errorf(service.EINVALID, service.MsgListCursorInvalid, nil)
		}
		var v any = c.Num
		if text {
			v = c.Text
		}
		where = append(where, "("+col+", id) "+cmp+" (?, ?)")
		args = append(args, v, c.ID)
	}
	words, err := s.wordsOf(ctx, f)
	switch {
	case err != nil:
		return service.KeyPage{}, err
	case words.known && words.keys == 0:
		return service.KeyPage{}, nil // no key's name holds the term
	case words.known && f.Sort == service.SortName:
		// A name criterion's matches lie between the first and the last name of the
		// words that hold it (namewords.go): the walk keeps to that part.
		where = append(where, "name_folded >= ?", "name_folded <= ?")
		args = append(args, words.first, words.last)
	}
	// The page's IDs are found in the sort's index alone, which holds every column
	// the criteria test, then only those keys are read: a database walks an index
	// without reading the table for each key it passes.
	order := ` ORDER BY ` + col + ` ` + dir + `, id ` + dir
	inner := order
	rare := words.known && words.keys <= rareNameKeys && s.d.NameIndexed != nil && s.d.NameIndexed(service.FoldName(f.NameContains))
	if nearExpiry(f) || rare {
		// Sorted by an expression, which no index holds: the keys are read from
		// their range of api_keys_by_expiry, or those of a rare name from the
		// dialect's text index, then sorted.
		inner = ` ORDER BY ` + unindexed(col, text) + ` ` + dir + `, id ` + dir
	}
	ids, args := sel.query("id", where, append(args, f.Limit+1), inner+` LIMIT ?`)
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+keyColumns+` FROM api_keys WHERE id IN (`+ids+`)`+order), args...)
	if err != nil {
		return service.KeyPage{}, s.fail(err)
	}
	defer rows.Close()
	var page service.KeyPage
	var stored []service.KeyStatus // as the database holds and sorts them: no "expired"
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return service.KeyPage{}, s.fail(err)
		}
		stored = append(stored, service.KeyStatus(storedStatus(k.Status)))
		if !f.Now.IsZero() {
			k.Key = k.Key.At(f.Now)
		}
		page.Keys = append(page.Keys, k.Key)
	}
	if err := rows.Err(); err != nil {
		return service.KeyPage{}, s.fail(err)
	}
	if len(page.Keys) > f.Limit {
		page.Keys = page.Keys[:f.Limit]
		last := page.Keys[f.Limit-1]
		c := cursor{Sort: f.Sort, Desc: f.Descending, ID: last.ID}
		switch f.Sort {
		case service.SortName:
			c.Text = service.FoldName(last.Name)
		case service.SortCreator:
			c.Text = last.CreatedBy
		case service.SortStatus:
			// The stored status: an expired key's cursor said "expired", after which
			// no "active" row sorts, and the next page was empty.
			c.Text = string(stored[f.Limit-1])
		case service.SortLastUsed:
			c.Num = last.LastUsedAt.UnixMicro()
			if last.LastUsedAt.IsZero() {
				c.Num = 0
			}
		default:
			c.Num = last.CreatedAt.UnixMicro()
		}
		page.Next = c.encode()
	}
	return page, nil
}

// rareNameKeys is the most keys a name criterion may match for a listing to read them
// from the dialect's text index and sort them (Dialect.NameIndexed); a walk of the
// sort's index passes about a thousand keys for each match of a name found in 1 key in
// 1,000.
const rareNameKeys = 2000

// nearExpiryWindow is the widest "Expire avant le" window whose keys are read from
// the expiry index and then sorted. A key expires a lifetime after it was made, so the
// keys that expire soon are old ones: a walk of a sort's index, which both databases
// choose under a LIMIT, passes most of a firm's keys before it meets the first of
// them. A wider window holds so many keys that the walk finds its page early.
const nearExpiryWindow = 92 * 24 * time.Hour

// nearExpiry reports whether f selects unexpired keys that expire within
// nearExpiryWindow of f.Now.
func nearExpiry(f service.KeyFilter) bool {
	return !f.ExpiresBefore.IsZero() && unexpiredOnly(f.Statuses) && f.ExpiresBefore.Sub(f.Now) <= nearExpiryWindow
}

// unexpiredOnly reports whether a status criterion keeps unexpired keys only.
func unexpiredOnly(st []service.KeyStatus) bool {
	for _, s := range st {
		if s != service.StatusActive && s != service.StatusSuspended && s != service.StatusPending {
			return false
		}
	}
	return len(st) > 0
}

// unindexed returns an expression that sorts as col does and that no index holds.
func unindexed(col string, text bool) string {
	if text {
		return col + ` || ''`
	}
	return col + ` + 0`
}

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// statusCondition is the WHERE term of a normalised status criterion judged at now.
// Stores hold active and revoked rows; an active row with suspended_at set is
// suspended, and an active or suspended one past its expiry is expired.
func statusCondition(st []service.KeyStatus, now time.Time) (string, []any) {
	if len(st) == 0 {
		return "", nil
	}
	n := now.UnixMicro()
	var terms []string
	var args []any
	for _, s := range st {
		switch s {
		case service.StatusActive:
			terms = append(terms, "(status = 'active' AND suspended_at IS NULL AND handover_until IS NULL AND (expires_at IS NULL OR expires_at > ?))")
			args = append(args, n)
		case service.StatusSuspended:
			terms = append(terms, "(status = 'active' AND suspended_at IS NOT NULL AND (expires_at IS NULL OR expires_at > ?))")
			args = append(args, n)
		case service.StatusPending:
			terms = append(terms, "(status = 'active' AND suspended_at IS NULL AND handover_until IS NOT NULL AND (expires_at IS NULL OR expires_at > ?))")
			args = append(args, n)
		case service.StatusExpired:
			terms = append(terms, "(status = 'active' AND expires_at <= ?)")
			args = append(args, n)
		case service.StatusRevoked:
			terms = append(terms, "status = 'revoked'")
		}
	}
	return "(" + strings.Join(terms, " OR ") + ")", args
}
