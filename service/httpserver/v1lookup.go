package httpserver

import (
	"net/http"

	"sesame/service"
	"sesame/service/api"
)

// handleLookupDigests answers POST /v1/keys/lookup-digests {"digests": [hex…]} with
// the key of the caller's tiers each digest's secret opens, or none: a scan's
// findings matched without a secret ever sent. Nothing is logged of the digests.
func (s *Server) handleLookupDigests(w http.ResponseWriter, r *http.Request, p service.Portal) {
	if !s.queryKnown(w, r) {
		return
	}
	var req api.DigestLookup
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	digests, err := req.ToDigests()
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	ms, err := p.LookupDigests(r.Context(), digests)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, api.FromSecretMatches(ms))
}
