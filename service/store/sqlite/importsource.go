package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"

	"sesame/service"
	"sesame/service/msg"
	"sesame/service/store/sqlstore"
)

// MsgImportFileInUse is what the user reads when the desktop app has the file to
// import open (its -wal file is there): close the app, then import again.
const MsgImportFileInUse msg.Code = "import.file_in_use"

// ImportSource is a desktop's « Ce poste » file made ready for
// sqlstore.Store.Import: a private copy of it, migrated to this build's schema. The
// file itself is only read, never written.
type ImportSource struct {
	// DB is the migrated copy.
	DB *sql.DB
	// Version is the schema version the file had before the copy was migrated.
	Version int
	path    string
}

// OpenImportSource checks the desktop file at path and copies it, through SQLite
// (VACUUM INTO: one consistent read of every page, so a damaged file fails here), to
// a temporary file in dir ("" for the system's) that it migrates. A file the app has
// open fails with ELOCKED; one that is not Sésame's or is damaged with ECORRUPT; one
// of a newer Sésame with ENEWER, both versions named. Nothing is left behind on
// failure; Close removes the copy.
func OpenImportSource(ctx context.Context, path, dir string) (*ImportSource, error) {
	// A connection to a file in WAL mode keeps its -wal file, which the last one
	// deletes as it closes: a -wal file means the app is open on the file (or stopped
	// without closing it, its last writes still there). Without one, nothing is
	// pending and nobody writes: the file is read as immutable, creating nothing
	// beside it.
	if _, err := os.Stat(path + "-wal"); err == nil {
		return nil, service.Errorf(service.ELOCKED, MsgImportFileInUse, nil)
	}
	u := url.URL{Scheme: "file", Opaque: path, RawQuery: "mode=ro&immutable=1"}
	src, err := sql.Open("sqlite", u.String())
	if err != nil {
		return nil, notSesame(err)
	}
	defer src.Close()
	src.SetMaxOpenConns(1)
	if err := src.PingContext(ctx); err != nil {
		return nil, notSesame(err)
	}
	v, err := sqlstore.CheckImportable(ctx, src)
	if err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(dir, "sesame-import-*.db")
	if err != nil {
		return nil, service.Errorf(service.EINTERNAL, service.MsgUnexpected, fmt.Errorf("import copy: %w", err))
	}
	copyPath := tmp.Name()
	_ = tmp.Close()
	is := &ImportSource{Version: v, path: copyPath}
	if _, err := src.ExecContext(ctx, `VACUUM INTO ?`, copyPath); err != nil {
		is.remove()
		return nil, notSesame(err)
	}
	db, err := sql.Open("sqlite", copyPath+"?_pragma=foreign_keys(1)&_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)&_txlock=immediate")
	if err != nil {
		is.remove()
		return nil, notSesame(err)
	}
	db.SetMaxOpenConns(1)
	is.DB = db
	if err := sqlstore.New(db, Dialect()).Migrate(ctx); err != nil {
		_ = is.Close()
		return nil, notSesame(err)
	}
	return is, nil
}

// Close closes the copy and removes it.
func (s *ImportSource) Close() error {
	var err error
	if s.DB != nil {
		err = s.DB.Close()
	}
	s.remove()
	return err
}

// remove deletes the copy and what SQLite may have put beside it.
func (s *ImportSource) remove() {
	for _, p := range []string{s.path, s.path + "-journal", s.path + "-wal", s.path + "-shm"} {
		_ = os.Remove(p)
	}
}

// notSesame is a failure to read or copy the file: not Sésame's, or damaged, unless
// it is one the user can act on otherwise (locked, a disk full, a newer Sésame).
func notSesame(err error) error {
	switch service.ErrorCode(err) {
	case service.ELOCKED, service.EFULL, service.ENEWER:
		return err
	}
	return service.Errorf(service.ECORRUPT, sqlstore.MsgImportNotSesame, err)
}

// Snapshot writes a consistent copy of the store's file to path, a new file, while
// the store stays open (VACUUM INTO): what the app sends to the firm's server when
// it moves there.
func (s *Store) Snapshot(ctx context.Context, path string) error {
	if _, err := s.DB().ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return classify(fmt.Errorf("snapshot: %w", err))
	}
	return nil
}
