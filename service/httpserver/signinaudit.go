package httpserver

import (
	"net/http"

	"sesame/service"
	"sesame/service/store"
)

// auditSignIn records in the audit trail that an administrator signed in: who, for
// which firm, from which address (the app's, exchanging its code for tokens). Only a
// completed sign-in is recorded, and one that cannot be recorded does not happen.
func (s *Server) auditSignIn(r *http.Request, a store.Admin) error {
	return s.st.AppendAudit(r.Context(), service.AuditEvent{
		At: s.now(), Actor: a.Name, Login: a.Login, Action: service.AuditSignIn,
		Tiers: a.SICCode, Addr: ClientAddr(r),
	})
}
