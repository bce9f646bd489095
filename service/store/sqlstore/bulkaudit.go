package sqlstore

import (
	"context"
	"database/sql"
	"encoding/hex"
	"strings"
	"time"

	"sesame/service"
)

// bulkAuditRows is how many events one INSERT of BulkAppendAudit carries (13
// parameters each: within both databases' limits).
const bulkAuditRows = 500

// BulkAppendAudit appends many events in one transaction, chained as AppendAudit
// chains them: for the benchmarks' journal of a million events, not for users'.
func (s *Store) BulkAppendAudit(ctx context.Context, evs []service.AuditEvent) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var seq int64
		var prevSum []byte
		// Taking the head row first serialises with every other writer.
		err := tx.QueryRowContext(ctx, s.q(`UPDATE audit_head SET seq = seq + ? WHERE id = 1 RETURNING seq, hash`), len(evs)).
			Scan(&seq, &prevSum)
		if err != nil {
			return err
		}
		prev := hex.EncodeToString(prevSum)
		seq -= int64(len(evs))
		one := "(" + strings.TrimSuffix(strings.Repeat("?, ", 13), ", ") + ")"
		for start := 0; start < len(evs); start += bulkAuditRows {
			chunk := evs[start:min(start+bulkAuditRows, len(evs))]
			args := make([]any, 0, 13*len(chunk))
			for _, ev := range chunk {
				seq++
				ev.ID, ev.At = seq, time.UnixMicro(ev.At.UnixMicro())
				prev = service.ChainHash(prev, ev)
				sum, _ := hex.DecodeString(prev)
				args = append(args, ev.ID, ev.At.UnixMicro(), ev.Actor, ev.Login, string(ev.Action), ev.KeyID, ev.KeyName,
					ev.Tiers, ev.Service, ev.Addr, ev.Detail, sum, service.FoldName(ev.KeyName))
			}
			q := `INSERT INTO audit_events (` + auditColumns + `, key_name_folded) VALUES ` +
				strings.TrimSuffix(strings.Repeat(one+", ", len(chunk)), ", ")
			if _, err := tx.ExecContext(ctx, s.q(q), args...); err != nil {
				return err
			}
		}
		sum, _ := hex.DecodeString(prev)
		_, err = tx.ExecContext(ctx, s.q(`UPDATE audit_head SET hash = ? WHERE id = 1`), sum)
		return err
	})
}
