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

// keyCriteria are the WHERE terms and arguments of f's criteria: tiers, service,
// status, key life and name.
func keyCriteria(f service.KeyFilter) ([]string, []any) {
	where := []string{"tiers_code = ?", "service_id = ?"}
	args := []any{f.Tiers, f.Service}
	if cond, condArgs := statusCondition(f.Statuses, f.Now); cond != "" {
		where, args = append(where, cond), append(args, condArgs...)
	}
	if !f.ExpiresBefore.IsZero() {
		where, args = append(where, "expires_at < ?"), append(args, f.ExpiresBefore.UnixMicro())
	}
	if f.UnusedDays > 0 {
		where = append(where, "COALESCE(last_used_at, created_at) < ?")
		args = append(args, f.Now.Add(-time.Duration(f.UnusedDays)*24*time.Hour).UnixMicro())
	}
	if f.NameContains != "" {
		where = append(where, `name_folded LIKE ? ESCAPE '\'`)
		args = append(args, "%"+escapeLike(service.FoldName(f.NameContains))+"%")
	}
	return where, args
}

// listKeys returns one page of keys; f must be normalised (service.KeyFilter.Normalized).
// One query: the criteria, the cursor as a row-value comparison (a range of the sort's
// index on both databases), the sort and the page's size.
func (s *Store) listKeys(ctx context.Context, f service.KeyFilter) (service.KeyPage, error) {
	col, text := sortColumn(f.Sort)
	where, args := keyCriteria(f)
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
	query := `SELECT ` + keyColumns + ` FROM api_keys WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY ` + col + ` ` + dir + `, id ` + dir + ` LIMIT ?`
	rows, err := s.db.QueryContext(ctx, s.q(query), append(args, f.Limit+1)...)
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
		stored = append(stored, k.Status)
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

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// statusCondition is the WHERE term of a normalised status criterion judged at now:
// stores hold active and revoked, and an active key past its expiry is expired.
func statusCondition(st []service.KeyStatus, now time.Time) (string, []any) {
	has := func(s service.KeyStatus) bool { return slices.Contains(st, s) }
	n := now.UnixMicro()
	switch {
	case len(st) == 0:
		return "", nil
	case len(st) == 2 && !has(service.StatusRevoked):
		return "status = 'active'", nil
	case len(st) == 2 && !has(service.StatusExpired):
		return "(status = 'revoked' OR expires_at IS NULL OR expires_at > ?)", []any{n}
	case len(st) == 2:
		return "(status = 'revoked' OR expires_at <= ?)", []any{n}
	case has(service.StatusActive):
		return "status = 'active' AND (expires_at IS NULL OR expires_at > ?)", []any{n}
	case has(service.StatusExpired):
		return "status = 'active' AND expires_at <= ?", []any{n}
	}
	return "status = 'revoked'", nil
}
