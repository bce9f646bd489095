package local

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"

	"sesame/service"
	"sesame/service/store/sqlite"
	"sesame/service/store/sqlstore"
)

// importStore is a store that takes a desktop's file in (sqlstore.Store.Import: the
// stores of both databases have it).
type importStore interface {
	Import(ctx context.Context, src *sql.DB, o sqlstore.ImportOptions) (service.ImportCounts, error)
}

// ImportFile carries the desktop's « Ce poste » file at path into the Portal's store
// for the administrator's firm (issue 20 item 4, the move from the app): the file is
// copied beside itself and migrated (sqlite.OpenImportSource), then imported in one
// transaction, rolled back when dry is set; a file of another firm is refused
// (EFORBIDDEN). The import event names the administrator.
func (p *Portal) ImportFile(ctx context.Context, path string, dry bool) (service.ImportCounts, error) {
	prof, err := p.Profile(ctx)
	if err != nil {
		return service.ImportCounts{}, err
	}
	is, ok := p.st.(importStore)
	if !ok {
		return service.ImportCounts{}, service.Errorf(service.EINTERNAL, service.MsgUnexpected, errors.New("store cannot import"))
	}
	src, err := sqlite.OpenImportSource(ctx, path, filepath.Dir(path))
	if err != nil {
		return service.ImportCounts{}, err
	}
	defer src.Close()
	return is.Import(ctx, src.DB, sqlstore.ImportOptions{
		Actor: prof.AdminName, Login: p.login, Addr: p.addr, Firm: prof.SICCode, Dry: dry,
	})
}
