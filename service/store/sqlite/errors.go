package sqlite

import (
	"errors"
	"io/fs"
	"syscall"

	"modernc.org/sqlite"

	"sesame/service"
)

// SQLite result codes (https://sqlite.org/rescode.html) that users can act on.
const (
	codeBusy       = 5
	codeLocked     = 6
	codeReadOnly   = 8
	codeCorrupt    = 11
	codeFull       = 13
	codeCantOpen   = 14
	codeConstraint = 19
	codeNotADB     = 26

	codeConstraintPrimaryKey = 1555
	codeConstraintUnique     = 2067
)

// classify maps SQLite and file-system errors to the service's error kinds.
func classify(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case codeBusy, codeLocked:
			return service.Errorf(service.ELOCKED, service.MsgStoreLocked, err)
		case codeReadOnly, codeCantOpen:
			return service.Errorf(service.EREADONLY, service.MsgStoreReadOnly, err)
		case codeCorrupt, codeNotADB:
			return service.Errorf(service.ECORRUPT, service.MsgStoreCorrupt, err)
		case codeFull:
			return service.Errorf(service.EFULL, service.MsgStoreFull, err)
		case codeConstraint:
			if c := se.Code(); c == codeConstraintUnique || c == codeConstraintPrimaryKey {
				return service.Errorf(service.ECONFLICT, service.MsgKeyNameTaken, err)
			}
		}
		return err
	}
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return service.Errorf(service.EFULL, service.MsgStoreFull, err)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return service.Errorf(service.EREADONLY, service.MsgStoreReadOnly, err)
	}
	return err
}
