package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"

	"sesame/service"
	"sesame/service/msg"
	"sesame/service/store/sqlstore"
)

const importSynopsis msg.Code = "cli.import_synopsis"

// msgImportFileInUse: "the Sésame app of this computer has the file open: close it
// (or, if it stopped without closing, open it and close it once), then run the
// import again. Nothing was written on the server."
const msgImportFileInUse msg.Code = "cli.import_file_in_use"

// importer is a store that takes a desktop's file in (sqlstore.Store.Import).
type importer interface {
	Import(ctx context.Context, src *sql.DB, actor string, dry bool) (sqlstore.ImportCounts, error)
}

// importCmd carries a desktop's « Ce poste » file into the firm's database, or with
// --dry-run says what it would carry.
func importCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("import")
	db := fs.String("db", "", msg.T(dbFlagHelp, nil))
	dry := fs.Bool("dry-run", false, msg.T("cli.import_dry_run", nil))
	rest, err := parse(fs, c, msg.T(importSynopsis, nil), args)
	if err != nil {
		return err
	}
	if err := required(fs, "db"); err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("%s", msg.T("cli.import_one_file", nil))
	}
	file := rest[0]
	src, err := openLocalFile(ctx, file)
	if err != nil {
		return err
	}
	defer src.Close()
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	target, ok := st.(importer)
	if !ok {
		return service.Errorf(service.EINTERNAL, service.MsgUnexpected, errors.New("store cannot import"))
	}
	n, err := target.Import(ctx, src, msg.T(policyActor, nil), *dry)
	if err != nil {
		return err
	}
	head := fmt.Sprintf("%d:%s", n.Head.Seq, n.Head.Hash)
	switch {
	case n.Already:
		fmt.Fprintf(c.stdout, msg.T("cli.import_already", nil)+"\n", file, head)
	case *dry:
		fmt.Fprintf(c.stdout, msg.T("cli.import_would", nil)+"\n", n.Keys, n.Uses, n.Events, n.Tiers, n.Admins, n.Services, n.Policies)
	default:
		fmt.Fprintf(c.stdout, msg.T("cli.import_done", nil)+"\n", n.Keys, n.Uses, n.Events, n.Tiers, n.Admins, n.Services, n.Policies, head)
	}
	return nil
}

// openLocalFile opens a desktop's SQLite file read-only: the import never changes it.
func openLocalFile(ctx context.Context, path string) (*sql.DB, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf(msg.T("cli.import_no_file", nil), path)
	case err != nil:
		return nil, fmt.Errorf("%s : %w", path, err)
	case fi.IsDir():
		return nil, fmt.Errorf(msg.T(msgDBIsFolder, nil), path, path+"/sesame.db")
	}
	// A connection to a file in WAL mode keeps its -wal file, which the last one
	// deletes as it closes: a -wal file means the app is open on the file (or stopped
	// without closing it, its last writes still there). Without one, nothing is
	// pending and nobody writes: the file is read as immutable, creating nothing
	// beside it.
	if _, err := os.Stat(path + "-wal"); err == nil {
		return nil, service.Errorf(service.ELOCKED, msgImportFileInUse, nil)
	}
	u := url.URL{Scheme: "file", Opaque: path, RawQuery: "mode=ro&immutable=1&_pragma=query_only(1)"}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, service.Errorf(service.ECORRUPT, sqlstore.MsgImportNotSesame, err)
	}
	return db, nil
}
