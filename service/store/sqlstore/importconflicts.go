package sqlstore

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"sesame/service"
	"sesame/service/msg"
)

// The identifiers of a file that this database holds already: a tiers code of another
// firm, a key identifier. Both refuse the import, named (with the firm that holds them
// for the server's operator, never for a firm's administrator).

// importTiersConflicts refuses the import when a tiers of the file has the code of
// a tiers of another firm here: the file's keys of that tiers would land in the other
// firm. Firms are told apart by the tiers at the top of their attachments.
func (s *Store) importTiersConflicts(ctx context.Context, src *sql.Conn, tx *sql.Tx, named bool) error {
	file, err := tiersParents(ctx, src)
	if err != nil {
		return importReadErr(err)
	}
	here, err := tiersParents(ctx, tx)
	if err != nil {
		return s.fail(err)
	}
	var taken []string
	for code := range file {
		if _, ok := here[code]; ok && topTiers(here, code) != topTiers(file, code) {
			if named {
				code += " (" + topTiers(here, code) + ")"
			}
			taken = append(taken, code)
		}
	}
	if len(taken) == 0 {
		return nil
	}
	slices.Sort(taken)
	message := MsgImportTiersTaken
	if !named {
		message = MsgImportTiersTakenHere
	}
	return &service.Error{Code: service.ECONFLICT, Message: message, Params: msg.Params{"List": strings.Join(taken, ", ")}}
}

// tiersParents maps every tiers code to the one it is attached to ("" for a firm).
func tiersParents(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT code, COALESCE(attached_to, '') FROM tiers`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var code, parent string
		if err := rows.Scan(&code, &parent); err != nil {
			return nil, err
		}
		out[code] = parent
	}
	return out, rows.Err()
}

// topTiers is the firm a tiers belongs to: the end of its attachments.
func topTiers(parents map[string]string, code string) string {
	for range len(parents) { // a cycle cannot hold more links than tiers
		p := parents[code]
		if p == "" {
			break
		}
		code = p
	}
	return code
}

// importConflicts refuses the import when some of the file's key identifiers are
// already here, naming them (with the firm that holds each when named).
func (s *Store) importConflicts(ctx context.Context, src *sql.Conn, tx *sql.Tx, named bool) error {
	rows, err := src.QueryContext(ctx, `SELECT id FROM api_keys ORDER BY id`)
	if err != nil {
		return importReadErr(err)
	}
	var ids []any
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return importReadErr(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return importReadErr(err)
	}
	var found []string
	total := 0
	for len(ids) > 0 {
		batch := ids[:min(len(ids), 500)]
		ids = ids[len(batch):]
		r, err := tx.QueryContext(ctx, s.q(`SELECT k.id, COALESCE(t.attached_to, k.tiers_code) FROM api_keys k
			JOIN tiers t ON t.code = k.tiers_code
			WHERE k.id IN (`+placeholders(len(batch))+`) ORDER BY k.id`), batch...)
		if err != nil {
			return s.fail(err)
		}
		for r.Next() {
			var id, f string
			if err := r.Scan(&id, &f); err != nil {
				r.Close()
				return s.fail(err)
			}
			total++
			if len(found) < importConflictListed {
				if named {
					id += " (" + f + ")"
				}
				found = append(found, id)
			}
		}
		r.Close()
		if err := r.Err(); err != nil {
			return s.fail(err)
		}
	}
	if total == 0 {
		return nil
	}
	list := strings.Join(found, ", ")
	if total > len(found) {
		list += ", …"
	}
	message := MsgImportIDsExist
	if !named {
		message = MsgImportIDsTaken
	}
	return &service.Error{Code: service.ECONFLICT, Message: message, Params: msg.Params{"Count": int64(total), "List": list}}
}
