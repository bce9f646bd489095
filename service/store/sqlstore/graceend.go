package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"time"

	"sesame/service"
)

// An old secret's grace ends by time when old_secret_until passes: a fixed grace, or
// the new secret's first use plus a day. Nothing happens at that instant; whoever
// sweeps next (the server every minute, the desktop at start, any reader of the
// journal) forgets the digest and writes the end to the journal, dated when the
// grace ended. Each key is forgotten by a conditional UPDATE on the very grace that
// was found ended (its version and end): of several replicas sweeping at once, one
// changes the row and writes the event, the others change nothing and write nothing.

// endedGrace is a key whose old secret's grace has ended.
type endedGrace struct {
	id, name, tiers, service string
	version                  int
	until                    int64
}

// ForgetEndedGraces forgets the old secrets whose grace ended at or before now,
// writes one end_grace event per key, at the instant its grace ended, and announces
// the keys it changed.
func (s *Store) ForgetEndedGraces(ctx context.Context, now time.Time) error {
	ended, err := s.endedGraces(ctx, now)
	if err != nil || len(ended) == 0 {
		return err
	}
	var ids []string
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		ids = ids[:0]
		// Rows first, in key order (as every other sweeper locks them), then the
		// journal's head: the order RenewKey and EndGrace take them in too.
		var mine []endedGrace
		for _, g := range ended {
			res, err := tx.ExecContext(ctx, s.q(`UPDATE api_keys SET `+forgetOld+`
				WHERE id = ? AND secret_version = ? AND old_secret_digest IS NOT NULL AND old_secret_until = ?`),
				g.id, g.version, g.until)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 1 {
				mine = append(mine, g)
			}
		}
		// The journal in the order the graces ended.
		slices.SortStableFunc(mine, func(a, b endedGrace) int { return cmp.Compare(a.until, b.until) })
		for _, g := range mine {
			ev := service.AuditEvent{At: time.UnixMicro(g.until), Action: service.AuditEndGrace, KeyID: g.id,
				KeyName: g.name, Tiers: g.tiers, Service: g.service, Detail: service.AuditDetailGraceRanOut}
			if err := s.insertAudit(ctx, tx, ev); err != nil {
				return err
			}
			ids = append(ids, g.id)
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.announce(ids...)
	return nil
}

// endedGraces lists the keys whose old secret's grace ended at or before now, in key
// order; a read, so that a sweep with nothing to do writes nothing.
func (s *Store) endedGraces(ctx context.Context, now time.Time) ([]endedGrace, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT id, name, tiers_code, service_id, secret_version, old_secret_until
		FROM api_keys WHERE old_secret_digest IS NOT NULL AND old_secret_until <= ? ORDER BY id`), now.UnixMicro())
	if err != nil {
		return nil, s.fail(err)
	}
	defer rows.Close()
	var out []endedGrace
	for rows.Next() {
		var g endedGrace
		if err := rows.Scan(&g.id, &g.name, &g.tiers, &g.service, &g.version, &g.until); err != nil {
			return nil, s.fail(err)
		}
		out = append(out, g)
	}
	return out, s.fail(rows.Err())
}
