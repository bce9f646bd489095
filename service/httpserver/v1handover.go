package httpserver

import (
	"net/http"
	"time"

	"sesame/service"
	"sesame/service/api"
)

// handleHandover answers POST /v1/keys/{id}/handover {"validityHours"} with the
// pending key, its pickup link and its code, given this once. Neither the link nor
// the code is logged.
func (s *Server) handleHandover(w http.ResponseWriter, r *http.Request, p service.Portal) {
	if !s.queryKnown(w, r) {
		return
	}
	id, err := service.ParseIdentifier(r.PathValue("id"))
	if err != nil {
		s.writeProblem(w, r, service.Errorf(service.ENOTFOUND, service.MsgKeyNotFound, nil))
		return
	}
	var req api.HandoverRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	validity := time.Duration(req.ValidityHours) * time.Hour
	if req.ValidityHours < 0 || req.ValidityHours > 24*365 {
		validity = -1 // refused as not offered, without overflowing
	}
	l, err := p.Handover(r.Context(), service.HandoverRequest{KeyID: id, Validity: validity})
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.log.Info("key handed over", append(logAttrs(r), "key", l.Key.ID, "tiers", l.Key.Tiers, "until", l.Until)...)
	writeJSON(w, http.StatusOK, api.FromHandoverLink(l))
}
