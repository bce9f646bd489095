package sqlstore

import (
	"context"
	"database/sql"
	"encoding/hex"

	"github.com/pressly/goose/v3"

	"sesame/service"
)

// backfillVersion is the Go migration that chains the audit events written before
// the chain existed (both dialects; 00020 numbered them and created the head).
const backfillVersion = 21

// goMigrations are the migrations written in Go, shared by every dialect.
func (s *Store) goMigrations() []*goose.Migration {
	return []*goose.Migration{
		goose.NewGoMigration(backfillVersion, &goose.GoFunc{RunTx: s.backfillChain}, &goose.GoFunc{RunTx: noop}),
	}
}

func noop(context.Context, *sql.Tx) error { return nil }

// backfillChain hashes every event in ID order from the genesis, folds its key name,
// and records the head. The events are read first: a connection runs one statement
// at a time.
func (s *Store) backfillChain(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_events ORDER BY id`)
	if err != nil {
		return err
	}
	var evs []service.AuditEvent
	var sc auditScanner
	for rows.Next() {
		ev, err := sc.scan(rows)
		if err != nil {
			_ = rows.Close()
			return err
		}
		evs = append(evs, ev)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	prev := service.GenesisHash
	for _, ev := range evs {
		prev = service.ChainHash(prev, ev)
		sum, _ := hex.DecodeString(prev)
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE audit_events SET hash = ?, key_name_folded = ? WHERE id = ?`),
			sum, service.FoldName(ev.KeyName), ev.ID); err != nil {
			return err
		}
	}
	sum, _ := hex.DecodeString(prev)
	_, err = tx.ExecContext(ctx, s.q(`UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`), int64(len(evs)), sum)
	return err
}
