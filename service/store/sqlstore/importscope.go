package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"sesame/service"
	"sesame/service/msg"
)

// An administrator's file is not trusted: it may have been written by hand rather
// than by the app. Before anything is copied, importScope checks that each row of the
// file belongs to the file's own firm, so that no key, use, policy or journal event
// lands in another firm of this server, and that the file uses no service this server
// lacks (the catalogue is shared by every firm).

// Messages of the import's scope checks.
const (
	MsgImportDangling        msg.Code = "import.dangling"
	MsgImportUnknownServices msg.Code = "import.unknown_services"
	MsgImportIDsTaken        msg.Code = "import.ids_taken"
	MsgImportTiersTakenHere  msg.Code = "import.tiers_taken_here"
)

// importScope checks the file's references (every one must stay within the file and
// its firm: want, or one of the file's own firms when want is empty) and, for an
// administrator's import (want set), that every service the file uses exists here.
func (s *Store) importScope(ctx context.Context, src *sql.Conn, tx *sql.Tx, want string) error {
	parents, err := tiersParents(ctx, src)
	if err != nil {
		return importReadErr(err)
	}
	var bad []string
	for code := range parents {
		top := topTiers(parents, code)
		_, held := parents[top]
		if !held || parents[top] != "" || (want != "" && top != want) {
			bad = append(bad, code+" → "+top)
		}
	}
	checks := []struct{ what, query string }{
		{"%s → %s", `SELECT id, tiers_code FROM api_keys WHERE tiers_code NOT IN (SELECT code FROM tiers)`},
		{"%s → %s", `SELECT day, key_id FROM key_daily_uses WHERE key_id NOT IN (SELECT id FROM api_keys)`},
		{"%s → %s", `SELECT day, key_id FROM key_daily_refusals WHERE key_id NOT IN (SELECT id FROM api_keys)`},
		{"%s → %s", `SELECT firm_code, firm_code FROM key_policies WHERE firm_code NOT IN (SELECT code FROM tiers WHERE attached_to IS NULL)`},
		{"%s → %s", `SELECT login, tiers_code FROM admin_tiers WHERE tiers_code NOT IN (SELECT code FROM tiers)`},
		{"%s → %s", `SELECT id, tiers_code FROM audit_events WHERE tiers_code <> '' AND tiers_code NOT IN (SELECT code FROM tiers)`},
	}
	for _, c := range checks {
		found, err := importPairs(ctx, src, c.query, c.what)
		if err != nil {
			return err
		}
		bad = append(bad, found...)
	}
	// What SQLite itself knows of the file's references (a service, a category).
	found, err := importPairs(ctx, src, `SELECT "table", COALESCE(rowid, 0) FROM pragma_foreign_key_check`, "%s #%v")
	if err != nil {
		return err
	}
	bad = append(bad, found...)
	if len(bad) > 0 {
		return &service.Error{Code: service.EINVALID, Message: MsgImportDangling, Params: msg.Params{"List": importList(bad)}}
	}
	if want == "" {
		return nil
	}
	here := map[string]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM services`)
	if err != nil {
		return s.fail(err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return s.fail(err)
		}
		here[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s.fail(err)
	}
	used, err := importPairs(ctx, src, `SELECT DISTINCT service_id, '' FROM api_keys ORDER BY service_id`, "%s%s")
	if err != nil {
		return err
	}
	var unknown []string
	for _, id := range used {
		if !here[id] {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		return &service.Error{Code: service.EINVALID, Message: MsgImportUnknownServices, Params: msg.Params{"List": importList(unknown)}}
	}
	return nil
}

// importPairs reads a two-column query of the file, each row written with format.
func importPairs(ctx context.Context, src *sql.Conn, query, format string) ([]string, error) {
	rows, err := src.QueryContext(ctx, query)
	if err != nil {
		return nil, importReadErr(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a, b any
		if err := rows.Scan(&a, &b); err != nil {
			return nil, importReadErr(err)
		}
		out = append(out, fmt.Sprintf(format, importText(a), importText(b)))
	}
	return out, importReadErr(rows.Err())
}

// importText is a value of the file as text ([]byte as a string).
func importText(v any) any {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	return v
}

// importList names at most importConflictListed entries, sorted.
func importList(items []string) string {
	slices.Sort(items)
	if len(items) > importConflictListed {
		return strings.Join(items[:importConflictListed], ", ") + ", …"
	}
	return strings.Join(items, ", ")
}

// importColumns are the columns of the file's table that this database's table has,
// quoted: the names come from this database, never from the file. A column of the file
// that this database lacks means the file is not Sésame's (or was changed).
func (s *Store) importColumns(ctx context.Context, src *sql.Conn, tx *sql.Tx, table string) ([]string, error) {
	ours, err := tableColumns(ctx, tx, table)
	if err != nil {
		return nil, s.fail(err)
	}
	theirs, err := tableColumns(ctx, src, table)
	if err != nil {
		return nil, importReadErr(err)
	}
	known := map[string]string{}
	for _, c := range ours {
		known[strings.ToLower(c)] = c
	}
	cols := make([]string, 0, len(theirs))
	for _, c := range theirs {
		name, ok := known[strings.ToLower(c)]
		if !ok {
			return nil, service.Errorf(service.ECORRUPT, MsgImportNotSesame, fmt.Errorf("import %s: unknown column", table))
		}
		cols = append(cols, `"`+name+`"`)
	}
	return cols, nil
}

// tableColumns are the names of table's columns, as the database reports them.
func tableColumns(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, table string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT * FROM `+table+` WHERE 1 = 0`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return rows.Columns()
}
