package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"

	"sesame/service"
)

// A page of the journal is ordered newest first by instant, then by number. An
// administrator's filter names several tiers, and neither database walks an index
// in order across the values of an IN list: each tiers is read on its own, through
// the index that starts with the tiers and the criterion (login or action) and ends
// with (at, id), so that even a period years back is a range seek; the pages are
// then merged here, each tiers' walk bounded by the page the ones before it
// filled. The cursor (Before, an event number) is turned into its (at, id)
// position first.

// Audit returns one page of the events matching the filter, newest first.
func (s *Store) Audit(ctx context.Context, f service.AuditFilter) ([]service.AuditEvent, error) {
	limit := f.Limit
	if limit <= 0 || limit > service.MaxPageSize {
		limit = service.DefaultPageSize
	}
	where, args := auditCriteria(f, nil, nil)
	if f.Before > 0 {
		var at int64
		err := s.db.QueryRowContext(ctx, s.q(`SELECT at FROM audit_events WHERE id = ?`), f.Before).Scan(&at)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			where, args = append(where, "id < ?"), append(args, f.Before)
		case err != nil:
			return nil, s.fail(err)
		default:
			// at <= ? bounds the index range; the rest settles ties.
			where = append(where, "at <= ? AND (at < ? OR id < ?)")
			args = append(args, at, at, f.Before)
		}
	}
	with, withArgs, from := "", []any(nil), "audit_events"
	if f.KeyName != "" {
		ids, few, err := s.nameCandidates(ctx, "audit_events", service.FoldName(f.KeyName))
		if err != nil {
			return nil, err
		}
		if few {
			// As in the key list: the few events found are read by number first.
			with, withArgs, from = candidates("audit_events", ids), ids, "candidates"
		}
	}
	tiers := f.Tiers
	if len(tiers) == 0 {
		tiers = []string{""} // every tiers: one query without that condition
	}
	var merged []service.AuditEvent
	for _, t := range tiers {
		w, a := slices.Clone(where), slices.Clone(args)
		if len(f.Tiers) > 0 {
			w, a = append([]string{"tiers_code = ?"}, w...), append([]any{t}, a...)
		}
		if len(merged) == limit {
			// A full page already: this tiers' events count only if newer than its
			// last one, so its walk stops there instead of reading on through a
			// criterion its events rarely meet.
			last := merged[limit-1]
			at := last.At.UnixMicro()
			w, a = append(w, "at >= ? AND (at > ? OR id > ?)"), append(a, at, at, last.ID)
		}
		q := with + `SELECT ` + auditColumns + ` FROM ` + from
		if len(w) > 0 {
			q += " WHERE " + strings.Join(w, " AND ")
		}
		q += ` ORDER BY at DESC, id DESC LIMIT ?`
		page, err := s.auditRows(ctx, q, append(append(slices.Clone(withArgs), a...), limit)...)
		if err != nil {
			return nil, err
		}
		merged = mergeNewest([][]service.AuditEvent{merged, page}, limit)
	}
	return merged, nil
}

// auditRows runs a query of auditColumns and returns its events.
func (s *Store) auditRows(ctx context.Context, query string, args ...any) ([]service.AuditEvent, error) {
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, s.fail(err)
	}
	defer rows.Close()
	var out []service.AuditEvent
	var sc auditScanner
	for rows.Next() {
		ev, err := sc.scan(rows)
		if err != nil {
			return nil, s.fail(err)
		}
		out = append(out, ev)
	}
	return out, s.fail(rows.Err())
}

// newer reports whether a comes before b in a page: later instant, or same instant
// and larger number.
func newer(a, b service.AuditEvent) bool {
	if !a.At.Equal(b.At) {
		return a.At.After(b.At)
	}
	return a.ID > b.ID
}

// mergeNewest merges pages each ordered newest first into the first limit events.
func mergeNewest(pages [][]service.AuditEvent, limit int) []service.AuditEvent {
	if len(pages) == 1 {
		return pages[0]
	}
	var out []service.AuditEvent
	pos := make([]int, len(pages))
	for len(out) < limit {
		best := -1
		for i, p := range pages {
			if pos[i] < len(p) && (best < 0 || newer(p[pos[i]], pages[best][pos[best]])) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		out = append(out, pages[best][pos[best]])
		pos[best]++
	}
	return out
}
