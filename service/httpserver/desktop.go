package httpserver

import (
	"encoding/base64"
	"encoding/hex"
	"mime"
	"net/http"
	"strconv"

	"sesame/service"
	"sesame/service/api"
)

// The desktop app's updates: the builds the operator published (sesame-server
// desktop publish), served to the administrators signed in, as the rest of /v1. The
// app downloads from nowhere else.

// handleDesktopLatest answers GET /v1/desktop/latest: the highest version published,
// 404 when none is.
func (s *Server) handleDesktopLatest(w http.ResponseWriter, r *http.Request, _ service.Portal) {
	if !s.queryKnown(w, r) {
		return
	}
	rel, err := s.st.LatestRelease(r.Context())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, api.FromDesktopRelease(rel))
}

// handleDesktopFile answers GET /v1/desktop/releases/{version}/file: the build's
// file, with its length and its digest (RFC 9530 Repr-Digest), so that a download
// cut short or altered shows. The write deadline is renewed while the file goes
// out (renewingWriter), so that a slow line gets the whole of it. A failure once
// the file is under way cuts the connection: the client never takes a part for the
// whole.
func (s *Server) handleDesktopFile(w http.ResponseWriter, r *http.Request, _ service.Portal) {
	if !s.queryKnown(w, r) {
		return
	}
	rel, err := s.st.Release(r.Context(), r.PathValue("version"))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	sum, err := hex.DecodeString(rel.SHA256)
	if err != nil {
		s.writeProblem(w, r, service.Errorf(service.EINTERNAL, service.MsgUnexpected, err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/x-msi")
	h.Set("Content-Length", strconv.FormatInt(rel.Size, 10))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": rel.FileName}))
	h.Set("Repr-Digest", "sha-256=:"+base64.StdEncoding.EncodeToString(sum)+":")
	h.Set("Cache-Control", "private, no-cache")
	w.WriteHeader(http.StatusOK)
	if err := s.st.WriteRelease(r.Context(), rel.Version, newRenewingWriter(w)); err != nil {
		if r.Context().Err() == nil {
			s.log.Error("desktop build cut short", "version", rel.Version, "err", err)
		}
		panic(http.ErrAbortHandler)
	}
}
