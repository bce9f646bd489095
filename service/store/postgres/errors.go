package postgres

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"

	"sesame/service"
)

// SQLSTATE codes (https://www.postgresql.org/docs/current/errcodes-appendix.html)
// that callers can act on.
const (
	stateUniqueViolation    = "23505"
	stateReadOnlyTx         = "25006"
	stateDiskFull           = "53100"
	stateOutOfMemory        = "53200"
	stateTooManyConnections = "53300"
	stateQueryCanceled      = "57014"
	stateAdminShutdown      = "57P01"
	stateCrashShutdown      = "57P02"
	stateCannotConnectNow   = "57P03"
	stateSerialization      = "40001"
	stateDeadlock           = "40P01"
	stateLockNotAvailable   = "55P03"
	stateInvalidPassword    = "28P01"
	stateInvalidAuthSpec    = "28000" // unknown role, or refused by pg_hba.conf
	stateNoSuchDatabase     = "3D000"
	classConnection         = "08"
)

// classify maps PostgreSQL, pgx and network errors to the service's error kinds;
// anything else is returned unchanged (the shared store makes it EINTERNAL).
func classify(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == stateUniqueViolation:
			return service.Errorf(service.ECONFLICT, service.MsgKeyNameTaken, err)
		case pe.Code == stateReadOnlyTx:
			return service.Errorf(service.EREADONLY, service.MsgStoreReadOnly, err)
		case pe.Code == stateDiskFull:
			return service.Errorf(service.EFULL, service.MsgStoreFull, err)
		// The server's own configuration: what its operator must correct, said in
		// the 503 answers too, since no request can succeed until then.
		case pe.Code == stateInvalidPassword:
			return service.Errorf(service.EUNAVAILABLE, service.MsgDBPasswordRefused, err)
		case pe.Code == stateInvalidAuthSpec:
			return service.Errorf(service.EUNAVAILABLE, service.MsgDBUserRefused, err)
		case pe.Code == stateNoSuchDatabase:
			return service.Errorf(service.EUNAVAILABLE, service.MsgDBMissing, err)
		case len(pe.Code) == 5 && pe.Code[:2] == classConnection,
			pe.Code == stateAdminShutdown, pe.Code == stateCrashShutdown, pe.Code == stateCannotConnectNow:
			return service.Errorf(service.EUNAVAILABLE, service.MsgDBUnreachable, err)
		case pe.Code == stateOutOfMemory, pe.Code == stateTooManyConnections,
			pe.Code == stateQueryCanceled, pe.Code == stateSerialization, pe.Code == stateDeadlock,
			pe.Code == stateLockNotAvailable:
			// Transient: the same request may well succeed in a moment.
			return service.Errorf(service.EUNAVAILABLE, service.MsgDBBusy, err)
		}
		return err // a bug in a query: EINTERNAL
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	switch {
	case errors.As(err, &ce), pgconn.Timeout(err), errors.As(err, &ne),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, driver.ErrBadConn), errors.Is(err, pgconn.ErrConnClosed),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF),
		errors.Is(err, context.DeadlineExceeded):
		return service.Errorf(service.EUNAVAILABLE, service.MsgDBUnreachable, err)
	}
	return err
}

// classifyFail is classify for the errors of Open, before the shared store's own
// wrapping applies: an unclassified error becomes EINTERNAL.
func classifyFail(err error) error {
	err = classify(err)
	var e *service.Error
	if errors.As(err, &e) {
		return err
	}
	return service.Errorf(service.EINTERNAL, service.MsgUnexpected, err)
}
