package storetest

import (
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// The suite, the GUI's tests and the benchmarks need thousands of keys or events in a
// store, which its one-by-one methods (a transaction and a journal event each) would
// take minutes to write. InsertKeys and AppendAudit write them straight into a SQL
// store's tables, in one transaction, as the store itself writes them. Their
// statements use $1, $2… placeholders, which both SQLite (modernc.org/sqlite) and
// PostgreSQL accept.

// InsertKeys stores keys without journal events, in one transaction.
func InsertKeys(ctx context.Context, db *sql.DB, keys []store.KeyRecord) error {
	return inTx(ctx, db, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `INSERT INTO api_keys (id, tiers_code, service_id, name, name_folded, name_skeleton,
			secret_digest, secret_hint, created_at, created_by, status, revoked_at, revoked_by, last_used_at, last_used_from,
			expires_at, secret_version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, k := range keys {
			if _, err := st.ExecContext(ctx, k.ID, k.Tiers, k.Service, k.Name, service.FoldName(k.Name), service.KeyNameSkeleton(k.Name),
				k.Digest, k.SecretHint, k.CreatedAt.UnixMicro(), k.CreatedBy, string(k.Status), micros(k.RevokedAt),
				sql.NullString{String: k.RevokedBy, Valid: k.RevokedBy != ""}, micros(k.LastUsedAt), k.LastUsedFrom,
				micros(k.ExpiresAt), max(k.Version, 1)); err != nil {
				return fmt.Errorf("insert key %s: %w", k.ID, err)
			}
		}
		return insertNameWords(ctx, tx, keys)
	})
}

// NameWordRows returns the key_name_words rows (tiers, service, word, first name,
// last name, keys) of keys, as the store computes them with each key
// (sqlstore/namewords.go).
func NameWordRows(keys iter.Seq[store.KeyRecord]) [][]any {
	type word struct{ tiers, service, word string }
	type bounds struct {
		first, last string
		keys        int64
	}
	words := map[word]bounds{}
	for k := range keys {
		folded := service.FoldName(k.Name)
		for _, w := range service.NameWords(folded) {
			b, ok := words[word{k.Tiers, k.Service, w}]
			if !ok {
				b = bounds{folded, folded, 0}
			}
			words[word{k.Tiers, k.Service, w}] = bounds{min(b.first, folded), max(b.last, folded), b.keys + 1}
		}
	}
	rows := make([][]any, 0, len(words))
	for w, b := range words {
		rows = append(rows, []any{w.tiers, w.service, w.word, b.first, b.last, b.keys})
	}
	return rows
}

// insertNameWords adds the keys' name words as the store does with each key.
func insertNameWords(ctx context.Context, tx *sql.Tx, keys []store.KeyRecord) error {
	st, err := tx.PrepareContext(ctx, `INSERT INTO key_name_words (tiers, service, word, first_name, last_name, keys) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (tiers, service, word) DO UPDATE SET
		first_name = CASE WHEN excluded.first_name < key_name_words.first_name THEN excluded.first_name ELSE key_name_words.first_name END,
		last_name = CASE WHEN excluded.last_name > key_name_words.last_name THEN excluded.last_name ELSE key_name_words.last_name END,
		keys = key_name_words.keys + excluded.keys`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, row := range NameWordRows(slices.Values(keys)) {
		if _, err := st.ExecContext(ctx, row...); err != nil {
			return fmt.Errorf("insert the name word %q: %w", row[2], err)
		}
	}
	return nil
}

// auditRows is how many events one INSERT of AppendAudit carries (13 parameters
// each: within both databases' limits).
const auditRows = 500

// AppendAudit appends events to the journal in one transaction, numbered and chained
// as the store's AppendAudit does.
func AppendAudit(ctx context.Context, db *sql.DB, evs []service.AuditEvent) error {
	return inTx(ctx, db, func(tx *sql.Tx) error {
		var seq int64
		var prevSum []byte
		// Taking the head row first serialises with every other writer.
		err := tx.QueryRowContext(ctx, `UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash`, len(evs)).
			Scan(&seq, &prevSum)
		if err != nil {
			return err
		}
		prev := hex.EncodeToString(prevSum)
		seq -= int64(len(evs))
		for start := 0; start < len(evs); start += auditRows {
			chunk := evs[start:min(start+auditRows, len(evs))]
			args := make([]any, 0, 13*len(chunk))
			values := make([]string, 0, len(chunk))
			for _, ev := range chunk {
				seq++
				ev.ID, ev.At = seq, time.UnixMicro(ev.At.UnixMicro())
				prev = service.ChainHash(prev, ev)
				sum, _ := hex.DecodeString(prev)
				n := len(args)
				values = append(values, fmt.Sprintf("($%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d)",
					n+1, n+2, n+3, n+4, n+5, n+6, n+7, n+8, n+9, n+10, n+11, n+12, n+13))
				args = append(args, ev.ID, ev.At.UnixMicro(), ev.Actor, ev.Login, string(ev.Action), ev.KeyID, ev.KeyName,
					ev.Tiers, ev.Service, ev.Addr, ev.Detail, sum, service.FoldName(ev.KeyName))
			}
			q := `INSERT INTO audit_events (id, at, actor, login, action, key_id, key_name, tiers_code, service_id, addr,
				detail, hash, key_name_folded) VALUES ` + strings.Join(values, ", ")
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return err
			}
		}
		sum, _ := hex.DecodeString(prev)
		_, err = tx.ExecContext(ctx, `UPDATE audit_head SET hash = $1 WHERE id = 1`, sum)
		return err
	})
}

func inTx(ctx context.Context, db *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// micros is a time as stores keep it: Unix microseconds, NULL for the zero time.
func micros(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMicro(), Valid: true}
}
