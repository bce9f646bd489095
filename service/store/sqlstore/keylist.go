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
		return c, service.Errorf(service.EINVALID, "La position demandée dans la liste n'est pas valide.", err)
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

// listKeys returns one page of keys; f must be normalised (service.KeyFilter.Normalized).
// It leaves in crit the terms it selected the keys with (none when a probe found no
// key), for the count (keycount.go).
func (s *Store) listKeys(ctx context.Context, f service.KeyFilter, crit *criteria) (service.KeyPage, error) {
	col, text := sortColumn(f.Sort)
	colExpr := col
	if text {
		colExpr += s.d.CollateBinary
	}
	where := []string{"tiers_code = ?", "service_id = ?"}
	args := []any{f.Tiers, f.Service}
	lifeWhere, lifeArgs := lifeConditions(f, false)
	probed := false // the name index gave the few matching IDs
	from := "api_keys"
	unusedSplit := false // keylist_unused.go
	expiryWalk := false  // many keys expired or expiring, walked in creation order
	if len(lifeWhere) > 0 && f.NameContains == "" && hasLifeCriterion(f) {
		found, few, err := s.probeLife(ctx, f, lifeWhere, lifeArgs, colExpr, text)
		if err != nil {
			return service.KeyPage{}, err
		}
		if few {
			ids, err := lifePage(found, f, text, f.Limit+1)
			if err != nil || len(ids) == 0 {
				return service.KeyPage{}, err
			}
			// As for a rare name: the page's few keys fetched by ID, then sorted. The
			// count takes the criteria, which the probe's index serves.
			defer func() { crit.where, crit.args = probeTerms(f, lifeWhere, lifeArgs) }()
			where = []string{"id IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ") + ")"}
			args = ids
			probed = true
		} else {
			// Many match: scan in the sort's order, testing each key, rather than let
			// the database walk the criterion's index and sort most of the keys (a
			// planner with statistics sees that itself: Dialect.Analyzed).
			lifeWhere, lifeArgs = lifeConditions(f, !s.d.Analyzed)
			if before, ok := expiryBound(f); ok {
				lifeWhere, lifeArgs = expiryTerms(f, before, lifeWhere, lifeArgs)
				from = s.expiredFrom()
				expiryWalk = true
			} else {
				unusedSplit = unusedByCreation(f)
			}
		}
	}
	where = append(where, lifeWhere...)
	args = append(args, lifeArgs...)
	if f.NameContains != "" {
		folded := service.FoldName(f.NameContains)
		cond, arg := nameCondition(f)
		where, args = append(where, cond), append(args, arg)
		ids, few, err := s.probeName(ctx, f.Tiers, f.Service, folded)
		if err != nil {
			return service.KeyPage{}, err
		}
		probed = few
		if few {
			if len(ids) == 0 {
				return service.KeyPage{}, nil
			}
			// The probe kept only this tiers and service: without those terms the
			// sorted indexes no longer apply, and the database fetches the few keys
			// by ID and sorts them, instead of scanning in order for them.
			where[0] = "id IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ") + ")"
			where = append(where[:1], where[2:]...)
			args = append(append([]any{}, ids...), args[2:]...)
		}
	}
	crit.where, crit.args, crit.byID = slices.Clone(where), slices.Clone(args), probed
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
			return service.KeyPage{}, service.Errorf(service.EINVALID, "La position demandée dans la liste n'est pas valide.", nil)
		}
		var v any = c.Num
		if text {
			v = c.Text
		}
		// A row-value comparison, not "col > ? OR (col = ? AND id > ?)": both databases
		// turn it into a range of the sort's index, where the OR form made PostgreSQL
		// walk the index from the start (page 500 of 1,000,000 keys: 174 ms → 0.2 ms).
		where = append(where, "("+colExpr+", id) "+cmp+" (?, ?)")
		args = append(args, v, c.ID)
	}
	order := ` ORDER BY ` + colExpr + ` ` + dir + `, id ` + dir
	query := `SELECT ` + keyColumns + ` FROM ` + from + ` WHERE ` + strings.Join(where, " AND ") + order + ` LIMIT ?`
	split := false
	if unusedSplit {
		query, args = unusedSplitQuery(f, where, args, order, f.Limit+1)
		split = true
	}
	if f.NameContains != "" && !probed {
		q, a, ok, err := s.splitByPrefix(ctx, f, where, args, order, f.Limit+1)
		if err != nil {
			return service.KeyPage{}, err
		}
		if ok {
			query, args, split = q, a, true
		}
	}
	if f.NameContains != "" && !probed && !split {
		// Many keys match the name, possibly far along the sort order: find the
		// page's IDs in the sort's index alone, which holds the filtered columns,
		// then read just those keys (1,000,000 keys on PostgreSQL, a common word
		// sorted by name: 850 ms -> 62 ms).
		query = `SELECT ` + keyColumns + ` FROM api_keys WHERE id IN (SELECT id FROM api_keys WHERE ` +
			strings.Join(where, " AND ") + order + ` LIMIT ?)` + order
	}
	if expiryWalk && s.d.Analyzed && !split {
		// PostgreSQL skips many young keys in the walk's index before the page's
		// expired ones: select the page's IDs in that index alone, then read just
		// those rows, rather than a table read per key skipped (10,000,000 keys,
		// "Expirée" newest first: ~100 ms, one read of the table per skipped key).
		query = `SELECT ` + keyColumns + ` FROM api_keys WHERE id IN (SELECT id FROM ` + from + ` WHERE ` +
			strings.Join(where, " AND ") + order + ` LIMIT ?)` + order
	}
	if !split {
		args = append(args, f.Limit+1)
	}
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
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

// probeMax is the most matches for which ListKeys fetches keys by ID; past it, the
// name is common and the sorted scan finds a page of matches quickly.
const probeMax = 500

// probeName asks the dialect's text index for the keys whose folded name contains
// term; few is false when there is no index, it cannot serve the term, or the
// matches are more than probeMax.
func (s *Store) probeName(ctx context.Context, tiers, serviceID, term string) (ids []any, few bool, err error) {
	if s.d.NameProbe == "" || s.d.ProbeTerm == nil {
		return nil, false, nil
	}
	match, ok := s.d.ProbeTerm(term)
	if !ok {
		return nil, false, nil
	}
	return s.probeIDs(ctx, s.d.NameProbe, match, tiers, serviceID)
}

// probeIDs runs a dialect's probe (term, tiers, service, limit) and returns the IDs it
// finds; few is false when they are more than probeMax.
func (s *Store) probeIDs(ctx context.Context, query string, term, tiers, serviceID string) (ids []any, few bool, err error) {
	rows, err := s.db.QueryContext(ctx, s.q(query), term, tiers, serviceID, probeMax+1)
	if err != nil {
		return nil, false, s.fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, false, s.fail(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, false, s.fail(err)
	}
	return ids, len(ids) <= probeMax, nil
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
