package postgres

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"sesame/service"
)

// eachAudit runs a query of the journal's columns (id, at, actor, login, action,
// key_id, key_name, tiers_code, service_id, addr, detail, hash) on one connection
// through pgx itself, reading each row's raw bytes: through database/sql every value
// of a million-row export was first boxed in an interface, which cost half of the
// client's time. Texts that repeat (administrators, actions, tiers, services,
// addresses) are shared instead of copied for every event.
func eachAudit(ctx context.Context, db *sql.DB, query string, args []any, fn func(service.AuditEvent) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return errors.New("postgres: not a pgx connection")
		}
		rows, err := c.Conn().Query(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		var d auditDecoder
		for rows.Next() {
			ev, err := d.decode(rows)
			if err != nil {
				return err
			}
			if err := fn(ev); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

// auditDecoder turns raw rows into events, sharing the texts that repeat.
type auditDecoder struct {
	shared map[string]string
}

// sharedMax bounds the texts a decoder keeps; past it, new ones are copied.
const sharedMax = 4096

func (d *auditDecoder) text(b []byte) string {
	if s, ok := d.shared[string(b)]; ok { // no allocation for the lookup
		return s
	}
	s := string(b)
	if d.shared == nil {
		d.shared = make(map[string]string)
	}
	if len(d.shared) < sharedMax {
		d.shared[s] = s
	}
	return s
}

func (d *auditDecoder) decode(rows pgx.Rows) (service.AuditEvent, error) {
	var ev service.AuditEvent
	v := rows.RawValues()
	fields := rows.FieldDescriptions()
	if len(v) != 12 || len(fields) != 12 {
		return ev, errors.New("postgres: unexpected journal columns")
	}
	for i, b := range v {
		if b == nil {
			return ev, errors.New("postgres: NULL in the journal column " + fields[i].Name)
		}
	}
	id, err := int8Value(v[0], fields[0].Format)
	if err != nil {
		return ev, err
	}
	at, err := int8Value(v[1], fields[1].Format)
	if err != nil {
		return ev, err
	}
	ev.ID, ev.At = id, time.UnixMicro(at)
	ev.Actor, ev.Login, ev.Action = d.text(v[2]), d.text(v[3]), service.AuditAction(d.text(v[4]))
	ev.KeyID, ev.KeyName = string(v[5]), string(v[6])
	ev.Tiers, ev.Service, ev.Addr, ev.Detail = d.text(v[7]), d.text(v[8]), d.text(v[9]), d.text(v[10])
	if fields[11].Format == pgx.BinaryFormatCode {
		ev.Hash = hex.EncodeToString(v[11])
	} else if len(v[11]) >= 2 && v[11][0] == '\\' && v[11][1] == 'x' {
		ev.Hash = string(v[11][2:]) // bytea's text form: \x then lower-case hex
	} else {
		return ev, errors.New("postgres: unexpected form of the journal's hash")
	}
	return ev, nil
}

// int8Value reads a BIGINT in either wire format.
func int8Value(b []byte, format int16) (int64, error) {
	if format == pgx.BinaryFormatCode {
		if len(b) != 8 {
			return 0, errors.New("postgres: unexpected BIGINT")
		}
		return int64(binary.BigEndian.Uint64(b)), nil
	}
	return strconv.ParseInt(string(b), 10, 64)
}
