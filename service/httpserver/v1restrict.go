package httpserver

import (
	"net/http"

	"sesame/service"
	"sesame/service/api"
)

// handleRestrictKey answers PUT /v1/keys/{id}/restrictions {"version",
// "restrictions"} with the key and its new restrictions, in the envelope of every key
// action; without the version of the restrictions the caller saw, 428 (RFC 6585
// §3), and 409 when another administrator changed them meanwhile.
func (s *Server) handleRestrictKey(w http.ResponseWriter, r *http.Request, p service.Portal) {
	if !s.queryKnown(w, r) {
		return
	}
	id, err := pathKeyID(r)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var req api.RestrictRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	version, ok := s.seenVersion(w, r, req.Version)
	if !ok {
		return
	}
	k, err := p.Restrict(r.Context(), service.RestrictRequest{KeyID: id, FromVersion: version, Restrictions: req.Restrictions.ToInput()})
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.log.Info("key restrictions changed", append(logAttrs(r), "key", k.ID, "tiers", k.Tiers)...)
	writeJSON(w, http.StatusOK, api.KeyAction{Key: api.FromKey(k)})
}
