package httpserver

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"time"

	"sesame/service"
	"sesame/service/api"
)

// importPath is the endpoint that takes a desktop's file in.
const importPath = "/v1/import"

// maxImportBytes is the default cap (Config.MaxImportBytes) of the body of POST
// /v1/import, a desktop's SQLite file: 1 GiB, well above a firm's file with hundreds
// of thousands of keys and events. The body is streamed to a private temporary file,
// never held in memory.
const maxImportBytes = 1 << 30

// importTimeout is how long one import may take to arrive and be carried in, beyond
// the server's usual read and write timeouts.
const importTimeout = 15 * time.Minute

// fileImporter is the Portal's ability to import a desktop's file, which the local
// Portal behind /v1 has (local.Portal.ImportFile).
type fileImporter interface {
	ImportFile(ctx context.Context, path string, dry bool) (service.ImportCounts, error)
}

// handleImport answers POST /v1/import[?dryRun=true], whose body is a desktop's
// « Ce poste » SQLite file (application/vnd.sqlite3): an administrator carries it
// into their own firm on this server (issue 20 item 4), in one transaction; a dry run
// writes nothing and counts what would move and the identifiers already held here.
// A file of another firm is refused with 403, identifiers held here with 409.
func (s *Server) handleImport(w http.ResponseWriter, r *http.Request, p service.Portal) {
	if !s.queryKnown(w, r, "dryRun") {
		return
	}
	dry := false
	switch r.URL.Query().Get("dryRun") {
	case "", "false":
	case "true":
		dry = true
	default:
		s.writeProblem(w, r, &service.Error{Code: service.EINVALID, Field: "dryRun", Message: api.MsgFieldInvalid,
			Params: map[string]any{"Name": "dryRun"}})
		return
	}
	fi, ok := p.(fileImporter)
	if !ok {
		s.writeProblem(w, r, service.Errorf(service.EINTERNAL, service.MsgUnexpected, errors.New("portal cannot import")))
		return
	}
	// One import at a time on this replica, dry runs included: an import holds the
	// database's write lock (SQLite) or the journal's head (PostgreSQL) until it
	// ends, and its upload and copy take up to twice the file on disk.
	if !s.importing.TryLock() {
		w.Header().Set("Retry-After", "60")
		s.writeProblemStatus(w, r, http.StatusConflict, &service.Error{Code: service.ECONFLICT, Message: msgImportBusy})
		return
	}
	defer s.importing.Unlock()
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(importTimeout))
	_ = rc.SetWriteDeadline(time.Now().Add(importTimeout))
	dir, err := os.MkdirTemp("", "sesame-upload-")
	if err != nil {
		s.writeProblem(w, r, service.Errorf(service.EINTERNAL, service.MsgUnexpected, err))
		return
	}
	defer os.RemoveAll(dir)
	path := dir + string(os.PathSeparator) + "sesame.db"
	if err := receiveFile(path, http.MaxBytesReader(w, r.Body, s.cfg.MaxImportBytes)); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.writeProblemStatus(w, r, http.StatusRequestEntityTooLarge, &service.Error{Code: service.EINVALID,
				Message: msgImportTooLarge, Params: map[string]any{"MiB": max(s.cfg.MaxImportBytes>>20, 1)}, Err: err})
			return
		}
		s.writeProblem(w, r, badRequest(err))
		return
	}
	n, err := fi.ImportFile(r.Context(), path, dry)
	switch service.ErrorCode(err) {
	case "":
	case service.ECORRUPT, service.ENEWER:
		// The file, not the server, is at fault: the caller can send another.
		s.writeProblem(w, r, &service.Error{Code: service.EINVALID, Message: service.ErrorMessage(err),
			Params: service.ErrorParams(err), Err: err})
		return
	default:
		s.writeProblem(w, r, err)
		return
	}
	if !dry && !n.Already {
		s.log.Info("desktop file imported", append(logAttrs(r), "keys", n.Keys, "events", n.Events, "tiers", n.Tiers,
			"head_seq", n.Head.Seq)...)
	}
	writeJSON(w, http.StatusOK, api.FromImport(n))
}

// receiveFile writes body to a new private file at path.
func receiveFile(path string, body io.Reader) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, body); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
