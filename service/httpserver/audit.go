package httpserver

import (
	"net/http"
	"strconv"

	"sesame/service"
	"sesame/service/api"
	"sesame/service/msg"
)

// handleAudit answers GET /v1/audit?tiers=&from=&to=&login=&action=&key=&before=&limit=
// with a page of the audit trail of the administrator's tiers, newest first; with
// format=csv, with the whole selection as the CSV export, streamed (its event count
// in the X-Sesame-Audit-Total header). Asking for a tiers they do not administer is
// ENOTFOUND, as everywhere else in /v1.
func (s *Server) handleAudit(w http.ResponseWriter, r *http.Request, p service.Portal) {
	q := r.URL.Query()
	f, err := api.ParseAuditFilter(q)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if len(f.Tiers) > 0 {
		prof, err := p.Profile(r.Context())
		if err != nil {
			s.writeProblem(w, r, err)
			return
		}
		for _, t := range f.Tiers {
			if !prof.Administers(t) {
				s.writeProblem(w, r, service.Errorf(service.ENOTFOUND, service.MsgTiersNotFound, nil))
				return
			}
		}
	}
	if q.Get(api.ParamFormat) == api.FormatCSV {
		s.exportAudit(w, r, p, f)
		return
	}
	evs, err := p.Audit(r.Context(), f)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, api.FromAuditEvents(evs))
}

// exportAudit streams the CSV export. The headers go out with the first progress
// report, made before any line; a failure after that cannot become a problem
// document, so the connection is cut and the client sees a broken transfer, never a
// file that looks whole.
func (s *Server) exportAudit(w http.ResponseWriter, r *http.Request, p service.Portal, f service.AuditFilter) {
	started := false
	rc := http.NewResponseController(w)
	err := p.ExportAudit(msg.WithLanguage(r.Context(), callerLanguage(r)), f, w, func(done, total int64) {
		if !started {
			started = true
			h := w.Header()
			h.Set("Content-Type", api.MediaTypeCSV)
			h.Set("Content-Disposition", `attachment; filename="journal-sesame.csv"`)
			h.Set(api.HeaderAuditTotal, strconv.FormatInt(total, 10))
			w.WriteHeader(http.StatusOK)
			return
		}
		_ = rc.Flush()
	})
	if err == nil {
		return
	}
	if !started {
		s.writeProblem(w, r, err)
		return
	}
	s.log.Warn("audit export cut short", append(logAttrs(r), "err", err)...)
	panic(http.ErrAbortHandler)
}

// handleAuditVerify answers GET /v1/audit/verify with the check of the whole chain.
func (s *Server) handleAuditVerify(w http.ResponseWriter, r *http.Request, p service.Portal) {
	if !s.queryKnown(w, r) {
		return
	}
	c, err := p.VerifyAudit(r.Context())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if !c.OK() {
		s.log.Warn("audit chain broken", append(logAttrs(r), "problem", string(c.Problem), "event", c.Event)...)
	}
	writeJSON(w, http.StatusOK, api.FromAuditCheck(c))
}
