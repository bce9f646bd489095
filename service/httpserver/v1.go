package httpserver

import (
	"encoding/json"
	"io"
	"net/http"

	"sesame/service"
	"sesame/service/api"
)

// The /v1 JSON API (the Portal over HTTP). Every handler acts through the local
// Portal of the signed-in administrator, which refuses another firm's tiers or keys
// with ENOTFOUND (404) and returns nothing of them. Errors are RFC 9457 problem
// documents with the French sentence in detail.

// handleProfile answers GET /v1/profile: who is signed in and their tiers.
func (s *Server) handleProfile(w http.ResponseWriter, r *http.Request, p service.Portal) {
	if !s.queryKnown(w, r) {
		return
	}
	prof, err := p.Profile(r.Context())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, api.FromProfile(prof))
}

// handleCatalogue answers GET /v1/catalogue?category=: the services, all of them or
// those of one category, with every category for the drop-down.
func (s *Server) handleCatalogue(w http.ResponseWriter, r *http.Request, p service.Portal) {
	if !s.queryKnown(w, r, api.ParamCategory) {
		return
	}
	cat, err := p.Catalogue(r.Context())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if category := r.URL.Query().Get(api.ParamCategory); category != service.CategoryAll {
		cat.Entries = cat.Filter(category)
	}
	if cat.Entries == nil {
		cat.Entries = []service.CatalogueEntry{}
	}
	writeJSON(w, http.StatusOK, cat)
}

// handleListKeys answers GET /v1/keys?tiers=&service=&status=&name=&sort=&desc=&cursor=&limit=&count=
// with one page of the key table, or with the count alone (count=only).
func (s *Server) handleListKeys(w http.ResponseWriter, r *http.Request, p service.Portal) {
	f, err := api.ParseKeyFilter(r.URL.Query())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	page, err := p.ListKeys(r.Context(), f)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, api.FromKeyPage(page))
}

// handleGenerate answers POST /v1/keys {"tiers","service","name"} with 201 and the
// key's credentials: the only time its secret leaves the server (never cached:
// every answer is no-store).
func (s *Server) handleGenerate(w http.ResponseWriter, r *http.Request, p service.Portal) {
	if !s.queryKnown(w, r) {
		return
	}
	var req api.GenerateRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	g, err := p.Generate(r.Context(), req.ToGenerateRequest())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.log.Info("key generated", append(logAttrs(r), "key", g.Key.ID, "tiers", g.Key.Tiers, "service", g.Key.Service)...)
	writeJSON(w, http.StatusCreated, api.FromGeneratedKey(g))
}

// handleRevokeKey answers POST /v1/keys/{id}/revoke with the revoked key, in the
// envelope of every key action.
func (s *Server) handleRevokeKey(w http.ResponseWriter, r *http.Request, p service.Portal) {
	if !s.queryKnown(w, r) {
		return
	}
	id, err := service.ParseIdentifier(r.PathValue("id"))
	if err != nil {
		s.writeProblem(w, r, service.Errorf(service.ENOTFOUND, service.MsgKeyNotFound, nil))
		return
	}
	k, err := p.Revoke(r.Context(), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.log.Info("key revoked", append(logAttrs(r), "key", k.ID, "tiers", k.Tiers)...)
	writeJSON(w, http.StatusOK, api.KeyAction{Key: api.FromKey(k)})
}

// decodeJSON reads a JSON body of at most maxJSONBytes into v, refusing unknown
// fields and trailing data.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxJSONBytes)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badRequest(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return badRequest(err)
	}
	return nil
}
