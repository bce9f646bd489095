package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"sesame/service"
	"sesame/service/msg"
	"sesame/service/store/sqlite"
	"sesame/service/store/sqlstore"
)

const importSynopsis msg.Code = "cli.import_synopsis"

// importer is a store that takes a desktop's file in (sqlstore.Store.Import).
type importer interface {
	Import(ctx context.Context, src *sql.DB, o sqlstore.ImportOptions) (sqlstore.ImportCounts, error)
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
	n, err := target.Import(ctx, src.DB, sqlstore.ImportOptions{Actor: msg.T(policyActor, nil), Dry: *dry})
	if err != nil {
		return err
	}
	if n.Conflicts > 0 {
		return &service.Error{Code: service.ECONFLICT, Message: sqlstore.MsgImportIDsExist, Params: msg.Params{"Count": n.Conflicts, "List": n.ConflictList}}
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

// openLocalFile makes a desktop's SQLite file ready to import: a copy migrated to
// this build's schema (sqlite.OpenImportSource); the file itself is only read.
func openLocalFile(ctx context.Context, path string) (*sqlite.ImportSource, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf(msg.T("cli.import_no_file", nil), path)
	case err != nil:
		return nil, fmt.Errorf("%s : %w", path, err)
	case fi.IsDir():
		return nil, fmt.Errorf(msg.T(msgDBIsFolder, nil), path, path+"/sesame.db")
	}
	return sqlite.OpenImportSource(ctx, path, "")
}
