package httpserver

import (
	"net/http"

	"sesame/service"
	"sesame/service/api"
	"sesame/service/msg"
)

// The /v1 endpoints of a key's life: renewal, end of grace, details, keys expiring
// soon. Like the rest of /v1, they act through the administrator's local Portal.

// pathKeyID returns the key identifier of the path; a malformed one is ENOTFOUND.
func pathKeyID(r *http.Request) (string, error) {
	id, err := service.ParseIdentifier(r.PathValue("id"))
	if err != nil {
		return "", service.Errorf(service.ENOTFOUND, service.MsgKeyNotFound, nil)
	}
	return id, nil
}

// handleRenewKey answers POST /v1/keys/{id}/renew {"grace","version"} with the key
// and its new secret, the only time it leaves the server; without the version the
// caller saw, 428 (RFC 6585 §3), so that two renewals never cross unseen.
func (s *Server) handleRenewKey(w http.ResponseWriter, r *http.Request, p service.Portal) {
	if !s.queryKnown(w, r) {
		return
	}
	id, err := pathKeyID(r)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var req api.RenewRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	version, ok := s.seenVersion(w, r, req.Version)
	if !ok {
		return
	}
	g, err := p.Renew(r.Context(), service.RenewRequest{KeyID: id, Grace: service.Grace(req.Grace), Version: version})
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.log.Info("key renewed", append(logAttrs(r), "key", g.Key.ID, "tiers", g.Key.Tiers, "grace", req.Grace)...)
	writeJSON(w, http.StatusOK, api.FromGeneratedKey(g))
}

// handleEndGrace answers POST /v1/keys/{id}/end-grace with the key, its old secret
// stopped and forgotten, in the envelope of every key action.
func (s *Server) handleEndGrace(w http.ResponseWriter, r *http.Request, p service.Portal) {
	if !s.queryKnown(w, r) {
		return
	}
	id, err := pathKeyID(r)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	k, err := p.EndGrace(r.Context(), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.log.Info("grace ended", append(logAttrs(r), "key", k.ID, "tiers", k.Tiers)...)
	writeJSON(w, http.StatusOK, api.KeyAction{Key: api.FromKey(k)})
}

// handleKeyDetails answers GET /v1/keys/{id} with the key and its uses per day.
func (s *Server) handleKeyDetails(w http.ResponseWriter, r *http.Request, p service.Portal) {
	if !s.queryKnown(w, r) {
		return
	}
	id, err := pathKeyID(r)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	d, err := p.KeyDetails(r.Context(), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, api.FromKeyDetails(d))
}

// handleExpiringKeys answers GET /v1/keys/expiring with the administrator's active
// keys expiring within 30 days, soonest first.
func (s *Server) handleExpiringKeys(w http.ResponseWriter, r *http.Request, p service.Portal) {
	if !s.queryKnown(w, r) {
		return
	}
	keys, err := p.ExpiringKeys(r.Context())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, api.FromKeys(keys))
}

// seenVersion is the version of a key that the caller saw, which a change must name
// so that two changes never cross unseen: without it, 428 (RFC 6585 §3); below 1, 422.
func (s *Server) seenVersion(w http.ResponseWriter, r *http.Request, v *int) (int, bool) {
	if v == nil {
		s.writeProblemStatus(w, r, http.StatusPreconditionRequired, &service.Error{Code: service.EINVALID, Field: "version",
			Message: api.MsgVersionRequired})
		return 0, false
	}
	if *v < 1 {
		s.writeProblem(w, r, &service.Error{Code: service.EINVALID, Field: "version", Message: api.MsgValueInvalid,
			Params: msg.Params{"Name": "version"}})
		return 0, false
	}
	return *v, true
}
