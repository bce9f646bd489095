package httpserver

import (
	"net/http"

	"sesame/service/httpserver/openapi"
)

// handleOpenAPI answers GET /v1/openapi.json with the OpenAPI 3.1 description of
// this API, built into the binary.
func (s *Server) handleOpenAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(openapi.JSON())
}

// handleDocs answers GET /docs with the API's reference page, rendered from the
// description: plain HTML and CSS, no script, nothing fetched from elsewhere.
func (s *Server) handleDocs(w http.ResponseWriter, _ *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", openapi.DocsCSP())
	_, _ = w.Write(openapi.Docs())
}
