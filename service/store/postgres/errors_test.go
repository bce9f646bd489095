package postgres

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"sesame/service"
	"sesame/service/msg"
)

// TestClassify: every error a caller can act on gets its kind, wrapped or not, and
// keeps its cause for the log; the rest is left for the shared store (EINTERNAL).
func TestClassify(t *testing.T) {
	pg := func(code string) error { return &pgconn.PgError{Severity: "ERROR", Code: code, Message: "test"} }
	for _, tc := range []struct {
		err  error
		want string
	}{
		{pg("23505"), service.ECONFLICT},
		{fmt.Errorf("insert: %w", pg("23505")), service.ECONFLICT},
		{pg("25006"), service.EREADONLY},
		{pg("53100"), service.EFULL},
		{pg("53300"), service.EUNAVAILABLE},
		{pg("57P01"), service.EUNAVAILABLE},
		{pg("57P03"), service.EUNAVAILABLE},
		{pg("08006"), service.EUNAVAILABLE},
		{pg("40001"), service.EUNAVAILABLE},
		{pg("40P01"), service.EUNAVAILABLE},
		{pg("57014"), service.EUNAVAILABLE},
		{&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, service.EUNAVAILABLE},
		{fmt.Errorf("query: %w", syscall.ECONNRESET), service.EUNAVAILABLE},
		{driver.ErrBadConn, service.EUNAVAILABLE},
		{io.ErrUnexpectedEOF, service.EUNAVAILABLE},
		{context.DeadlineExceeded, service.EUNAVAILABLE},
		{pg("28P01"), service.EUNAVAILABLE}, // wrong password: the operator's sentence, below
		{pg("42P01"), ""},                   // undefined table: a bug
		{errors.New("something else"), ""},
	} {
		got := classify(tc.err)
		var se *service.Error
		isService := errors.As(got, &se)
		switch {
		case tc.want == "" && isService:
			t.Errorf("classify(%v) = %v; want it unchanged", tc.err, got)
		case tc.want == "" && got != tc.err:
			t.Errorf("classify(%v) = %v; want it unchanged", tc.err, got)
		case tc.want != "" && (!isService || se.Code != tc.want):
			t.Errorf("classify(%v) = %v; want code %s", tc.err, got, tc.want)
		case tc.want != "" && !errors.Is(got, tc.err):
			t.Errorf("classify(%v) lost its cause", tc.err)
		}
	}
	// The operator and API clients read what is wrong with the server's database,
	// not the desktop's « Le serveur du cabinet ne répond pas ».
	for err, want := range map[error]msg.Code{
		pg("28P01"): service.MsgDBPasswordRefused,
		pg("28000"): service.MsgDBUserRefused,
		pg("3D000"): service.MsgDBMissing,
		pg("08006"): service.MsgDBUnreachable,
		pg("57P01"): service.MsgDBUnreachable,
		pg("40P01"): service.MsgDBBusy,
		&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}: service.MsgDBUnreachable,
	} {
		if got := service.ErrorMessage(classify(err)); got != want {
			t.Errorf("classify(%v) says %q, want %q", err, got, want)
		}
	}
	if got := classifyFail(errors.New("odd")); service.ErrorCode(got) != service.EINTERNAL {
		t.Errorf("classifyFail of an unknown error = %v; want EINTERNAL", got)
	}
}
