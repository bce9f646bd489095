package httpserver

import (
	"context"
	"net/http"
	"time"

	"sesame/service"
	"sesame/service/api"
	"sesame/service/local"
)

// masterSealKey is the journal's sealing key on a server: derived from the master
// key (masterkey.Key.AuditSealKey), the same on every replica, never in the database.
type masterSealKey struct{ k *service.SealKey }

// SealKey implements local.SealKeys: the key always exists.
func (m masterSealKey) SealKey(context.Context, bool) (*service.SealKey, error) { return m.k, nil }

// handleAuditSeal answers POST /v1/audit/seal: the journal's head sealed now for the
// administrator's firm, journaled.
func (s *Server) handleAuditSeal(w http.ResponseWriter, r *http.Request, p service.Portal) {
	if !s.queryKnown(w, r) {
		return
	}
	se, err := p.SealAudit(r.Context())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, api.FromAuditSeal(se))
}

// sealDaily seals the journal's head when it changed since the newest seal and that
// seal is at least a day old: once a day, by whichever replica comes first.
// The journal is read again at most every sealCheckEvery, and not before the newest
// seal is a day old.
func (s *Server) sealDaily(ctx context.Context, now time.Time) {
	if now.UnixMicro() < s.nextSealCheck.Load() {
		return
	}
	se, made, err := local.SealDaily(ctx, s.st, s.sealKeys, now)
	next := now.Add(sealCheckEvery)
	switch {
	case err != nil && ctx.Err() == nil:
		s.log.Error("sealing the journal's head", "err", err)
	case made:
		s.log.Info("journal head sealed", "seal", se.ID, "event", se.Seq)
	}
	if due := se.At.Add(local.SealEvery); se.ID > 0 && due.After(next) {
		next = due
	}
	s.nextSealCheck.Store(next.UnixMicro())
}

// sealCheckEvery is how often a server whose newest seal is a day old looks whether
// the journal's head changed.
const sealCheckEvery = 10 * time.Minute
