package httpserver

import (
	"context"
	"net/http"

	"sesame/service"
	"sesame/service/api"
)

// handleSuspendKey answers POST /v1/keys/{id}/suspend {"reason"} with the suspended
// key, in the envelope of every key action: refused everywhere until resumed.
func (s *Server) handleSuspendKey(w http.ResponseWriter, r *http.Request, p service.Portal) {
	s.changeSuspension(w, r, p.Suspend, "key suspended")
}

// handleResumeKey answers POST /v1/keys/{id}/resume {"reason"} with the key, usable
// again.
func (s *Server) handleResumeKey(w http.ResponseWriter, r *http.Request, p service.Portal) {
	s.changeSuspension(w, r, p.Resume, "key resumed")
}

// changeSuspension reads the key's ID and the reason, calls change and answers the
// key. The reason goes to the journal, not to the log.
func (s *Server) changeSuspension(w http.ResponseWriter, r *http.Request,
	change func(context.Context, service.SuspendRequest) (service.Key, error), logged string) {
	if !s.queryKnown(w, r) {
		return
	}
	id, err := service.ParseIdentifier(r.PathValue("id"))
	if err != nil {
		s.writeProblem(w, r, service.Errorf(service.ENOTFOUND, service.MsgKeyNotFound, nil))
		return
	}
	var req api.SuspendRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	k, err := change(r.Context(), service.SuspendRequest{KeyID: id, Reason: req.Reason})
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.log.Info(logged, append(logAttrs(r), "key", k.ID, "tiers", k.Tiers)...)
	writeJSON(w, http.StatusOK, api.KeyAction{Key: api.FromKey(k)})
}
