package sqlstore

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"sesame/service"
	"sesame/service/msg"
)

// The import carries a desktop's « Ce poste » file into this database (issue 20,
// item 4): tiers, administrators (the keys' creators), catalogue, policies and keys
// keep their rows as they are, so that every deployed secret keeps verifying; the
// file's journal is appended to this database's chain, followed by an import event
// whose Detail is the file's head ("seq:hash", as audit verify prints it), so that
// verifying the file against that head proves what was carried. Everything happens in
// one transaction.

// Messages of the import.
const (
	MsgImportNotSesame   msg.Code = "import.not_sesame"
	MsgImportOlder       msg.Code = "import.older"
	MsgImportNewer       msg.Code = "import.newer"
	MsgImportIDsExist    msg.Code = "import.ids_exist"
	MsgImportNameTaken   msg.Code = "import.name_taken"
	MsgImportOtherFirm   msg.Code = "import.other_firm"
	MsgImportTiersTaken  msg.Code = "import.tiers_taken"
	importConflictListed          = 20 // identifiers named in the refusal, at most
)

// ImportCounts is what an import moved (or, dry, would move).
type ImportCounts = service.ImportCounts

// ImportOptions say who imports and how.
type ImportOptions struct {
	// Actor, Login and Addr name who ran the import, and from where, in its journal
	// event.
	Actor, Login, Addr string
	// Firm, when set, is the only firm the file may hold (an administrator's import
	// through /v1): a file of another firm is refused with EFORBIDDEN, and the file's
	// administrators are not carried (the keys keep their creators' names).
	Firm string
	// Dry rolls everything back, and reports the identifiers already held here
	// (Conflicts) instead of refusing them.
	Dry bool
}

// importTables are the tables copied as they are, in the order of their references,
// with the key that makes a row already present skipped ("" for none: a present
// row is a conflict).
var importTables = []struct{ table, order, conflict string }{
	{"tiers", "attached_to IS NOT NULL, code", "code"},
	{"admins", "login", "login"},
	{"admin_tiers", "login, tiers_code", "login, tiers_code"},
	{"categories", "name", "name"},
	{"services", "id", "id"},
	{"key_policies", "firm_code", "firm_code"},
	{"api_keys", "id", ""},
	{"key_daily_uses", "key_id, day", ""},
	{"key_daily_refusals", "key_id, day", ""},
}

// Import copies the Sésame SQLite database src (a copy at this build's schema:
// sqlite.OpenImportSource) into s in one transaction, rolled back when o.Dry is set.
// A file of another schema version is refused with both versions named; identifiers
// already present here are refused with their list (ECONFLICT), or counted in a dry
// run.
func (s *Store) Import(ctx context.Context, src *sql.DB, o ImportOptions) (ImportCounts, error) {
	n := ImportCounts{DryRun: o.Dry}
	conn, err := src.Conn(ctx)
	if err != nil {
		return n, importReadErr(err)
	}
	defer conn.Close()
	// One read transaction: the file seen as of one instant, even if the app writes.
	if _, err := conn.ExecContext(ctx, `BEGIN`); err != nil {
		return n, importReadErr(err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`) //nolint:errcheck
	var v int
	if err := conn.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return n, importReadErr(err)
	}
	switch {
	case v > latestVersion():
		return n, &service.Error{Code: service.ENEWER, Message: MsgImportNewer, Params: msg.Params{"File": v, "Build": latestVersion()}}
	case v < latestVersion():
		return n, &service.Error{Code: service.EINVALID, Message: MsgImportOlder, Params: msg.Params{"File": v, "Build": latestVersion()}}
	}
	var sum []byte
	if err := conn.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&n.Head.Seq, &sum); err != nil {
		return n, importReadErr(err)
	}
	n.Head.Hash = hex.EncodeToString(sum)
	firm, err := importFirm(ctx, conn, o.Firm)
	if err != nil {
		return n, err
	}
	detail := fmt.Sprintf("%d:%s", n.Head.Seq, n.Head.Hash)

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return n, s.fail(err)
	}
	defer tx.Rollback() //nolint:errcheck
	var seen int
	err = tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM audit_events WHERE action = ? AND detail = ?`),
		string(service.AuditImport), detail).Scan(&seen)
	if err != nil {
		return n, s.fail(err)
	}
	if seen > 0 {
		n.Already = true
		return n, nil
	}
	if err := s.importScope(ctx, conn, tx, o.Firm); err != nil {
		return n, err
	}
	// An administrator is told that an identifier is taken, never by which firm.
	named := o.Firm == ""
	if err := s.importTiersConflicts(ctx, conn, tx, named); err != nil {
		return n, err
	}
	if err := s.importConflicts(ctx, conn, tx, named); err != nil {
		var e *service.Error
		if !o.Dry || !errors.As(err, &e) || (e.Message != MsgImportIDsExist && e.Message != MsgImportIDsTaken) {
			return n, err
		}
		n.Conflicts, _ = e.Params["Count"].(int64)
		n.ConflictList, _ = e.Params["List"].(string)
		return n, nil
	}
	counts := []*int64{&n.Tiers, &n.Admins, nil, nil, &n.Services, &n.Policies, &n.Keys, &n.Uses, nil}
	for i, t := range importTables {
		if o.Firm != "" && (t.table == "admins" || t.table == "admin_tiers") {
			// The desktop's one administrator cannot sign in to a server; an
			// administrator's import must grant nothing to whoever holds that login
			// here (another firm's import brought one already).
			continue
		}
		if o.Firm != "" && (t.table == "categories" || t.table == "services") {
			// The catalogue is every firm's: an administrator's file uses the
			// services this server has (importScope checked) and adds none.
			continue
		}
		added, err := s.importTable(ctx, conn, tx, t.table, t.order, t.conflict)
		if err != nil {
			return n, err
		}
		if counts[i] != nil {
			*counts[i] = added
		}
	}
	// The keys' name words are computed here from the keys just copied, never read
	// from the file: a file changed by hand could leave a key without its words
	// (then « contient » sorted by name would miss it) or give another firm words.
	if err := s.importNameWords(ctx, conn, tx); err != nil {
		return n, err
	}
	if n.Events, err = s.importJournal(ctx, conn, tx, service.AuditEvent{
		At: time.Now(), Actor: o.Actor, Login: o.Login, Addr: o.Addr, Action: service.AuditImport, Tiers: firm, Detail: detail,
	}); err != nil {
		return n, err
	}
	if o.Dry {
		return n, nil
	}
	if err := tx.Commit(); err != nil {
		return n, s.fail(err)
	}
	// Caches that remembered an imported identifier as unknown must look again
	// ("*": keycache.NewKeys, as PostgreSQL's trigger announces an insert).
	s.announce("*")
	return n, nil
}

// importReadErr is a failure to read the file: locked, or not Sésame's.
func importReadErr(err error) error {
	if err == nil {
		return nil
	}
	var e *service.Error
	if errors.As(err, &e) {
		return err
	}
	text := err.Error()
	if strings.Contains(text, "SQLITE_BUSY") || strings.Contains(text, "database is locked") {
		return service.Errorf(service.ELOCKED, service.MsgStoreLocked, err)
	}
	return service.Errorf(service.ECORRUPT, MsgImportNotSesame, err)
}

// importFirm returns the file's firm (its first tiers attached to none). When want
// is set, a file holding any other firm is refused with EFORBIDDEN, both named.
func importFirm(ctx context.Context, src *sql.Conn, want string) (string, error) {
	rows, err := src.QueryContext(ctx, `SELECT code FROM tiers WHERE attached_to IS NULL ORDER BY code`)
	if err != nil {
		return "", importReadErr(err)
	}
	defer rows.Close()
	first := want
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			return "", importReadErr(err)
		}
		if first == "" {
			first = code
		}
		if want != "" && code != want {
			return "", &service.Error{Code: service.EFORBIDDEN, Message: MsgImportOtherFirm, Params: msg.Params{"File": code, "Firm": want}}
		}
	}
	return first, importReadErr(rows.Err())
}

// importBatch is how many rows one INSERT carries: under PostgreSQL's 65,535
// parameters for the widest table.
const importBatch = 500

// importTable copies one table's rows, skipping those whose conflict key is present
// ("" inserts every row, a present one failing the import); it returns how many
// rows it added.
func (s *Store) importTable(ctx context.Context, src *sql.Conn, tx *sql.Tx, table, order, conflict string) (int64, error) {
	cols, err := s.importColumns(ctx, src, tx, table)
	if err != nil {
		return 0, err
	}
	rows, err := src.QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+table+` ORDER BY `+order)
	if err != nil {
		return 0, importReadErr(err)
	}
	defer rows.Close()
	head := `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES `
	tail := ""
	if conflict != "" {
		tail = ` ON CONFLICT (` + conflict + `) DO NOTHING`
	}
	var added int64
	var args []any
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		nrows := len(args) / len(cols)
		q := head + tuples(nrows, len(cols)) + tail
		res, err := tx.ExecContext(ctx, s.q(q), args...)
		if err != nil {
			err = s.fail(fmt.Errorf("import %s: %w", table, err))
			if table == "api_keys" && service.ErrorCode(err) == service.ECONFLICT {
				return service.Errorf(service.ECONFLICT, MsgImportNameTaken, err)
			}
			return err
		}
		n, _ := res.RowsAffected()
		added += n
		args = args[:0]
		return nil
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return 0, importReadErr(err)
		}
		args = append(args, vals...)
		if len(args) >= importBatch*len(cols) {
			if err := flush(); err != nil {
				return 0, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return 0, importReadErr(err)
	}
	return added, flush()
}

// importNameWords widens the name words' bounds (namewords.go) with the file's keys,
// from their folded names as copied.
func (s *Store) importNameWords(ctx context.Context, src *sql.Conn, tx *sql.Tx) error {
	rows, err := src.QueryContext(ctx, keyNamesSQL+` ORDER BY id`)
	if err != nil {
		return importReadErr(err)
	}
	keys, err := scanKeyNames(rows)
	if err != nil {
		return importReadErr(err)
	}
	if err := s.insertNameWords(ctx, tx, keys); err != nil {
		return s.fail(fmt.Errorf("import key_name_words: %w", err))
	}
	return nil
}

// importJournal appends the file's events to this chain, in their order, then the
// import event last; it returns how many of the file's events it appended.
func (s *Store) importJournal(ctx context.Context, src *sql.Conn, tx *sql.Tx, last service.AuditEvent) (int64, error) {
	var seq int64
	var prev []byte
	if err := tx.QueryRowContext(ctx, `UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, hash`).Scan(&seq, &prev); err != nil {
		return 0, s.fail(err)
	}
	rows, err := src.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_events ORDER BY id`)
	if err != nil {
		return 0, importReadErr(err)
	}
	defer rows.Close()
	const width = 13
	head := `INSERT INTO audit_events (` + auditColumns + `, key_name_folded) VALUES `
	var args []any
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		q := head + tuples(len(args)/width, width)
		if _, err := tx.ExecContext(ctx, s.q(q), args...); err != nil {
			return s.fail(fmt.Errorf("import audit_events: %w", err))
		}
		args = args[:0]
		return nil
	}
	prevHex := hex.EncodeToString(prev)
	add := func(ev service.AuditEvent) error {
		seq++
		ev.ID = seq
		ev.At = time.UnixMicro(ev.At.UnixMicro())
		prevHex = service.ChainHash(prevHex, ev)
		var err error
		if prev, err = hex.DecodeString(prevHex); err != nil {
			return err
		}
		args = append(args, ev.ID, ev.At.UnixMicro(), ev.Actor, ev.Login, string(ev.Action), ev.KeyID, ev.KeyName,
			ev.Tiers, ev.Service, ev.Addr, ev.Detail, prev, service.FoldName(ev.KeyName))
		if len(args) >= importBatch*width {
			return flush()
		}
		return nil
	}
	var sc auditScanner
	var count int64
	for rows.Next() {
		ev, err := sc.scan(rows)
		if err != nil {
			return 0, importReadErr(err)
		}
		if err := add(ev); err != nil {
			return 0, err
		}
		count++
	}
	if err := rows.Err(); err != nil {
		return 0, importReadErr(err)
	}
	if err := add(last); err != nil {
		return 0, err
	}
	if err := flush(); err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, s.q(`UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`), seq, prev)
	return count, s.fail(err)
}
