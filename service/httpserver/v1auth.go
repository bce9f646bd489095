package httpserver

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"sesame/service"
	"sesame/service/local"
)

// adminHandler is a /v1 handler that acts through the Portal of the administrator
// the request's bearer token names.
type adminHandler func(w http.ResponseWriter, r *http.Request, p service.Portal)

// admin authenticates a /v1 request (RFC 6750 §2.1, the bearer token in the
// Authorization header; RFC 9068 §4, the JWT checks) and calls h with the local
// Portal of the administrator. Only an administrator's token is accepted: audience
// the /v1 API, client the desktop app, and a session that is still open, read from
// the store at each request so that a sign-out or a revocation on any replica takes
// effect at once. An API key's token is refused with 401.
func (s *Server) admin(h adminHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		login, err := s.bearerLogin(r.Context(), r)
		if err != nil {
			s.writeProblem(w, r, err)
			return
		}
		h(w, r, local.New(s.st, login).WithClock(s.now).WithAddr(ClientAddr(r)).WithSealKeys(s.sealKeys).
			WithHandover(s.cfg.MasterKey, s.cfg.Issuer))
	})
}

// bearerLogin returns the login of a valid administrator's access token.
func (s *Server) bearerLogin(ctx context.Context, r *http.Request) (string, error) {
	unauthorized := service.Errorf(service.EUNAUTHORIZED, service.MsgUnauthorized, nil)
	authz := r.Header.Get("Authorization")
	const prefix = "Bearer "
	if len(authz) <= len(prefix) || !strings.EqualFold(authz[:len(prefix)], prefix) {
		return "", unauthorized
	}
	c, err := s.parseAccessToken(ctx, strings.TrimSpace(authz[len(prefix):]))
	if err != nil {
		return "", unauthorized
	}
	if c.ClientID != DesktopClientID || c.SessionID == "" || !slices.Contains(c.Audience, s.adminAudience()) {
		return "", unauthorized
	}
	ss, err := s.st.Session(ctx, sessionKey(c.SessionID))
	if service.ErrorCode(err) == service.ENOTFOUND {
		return "", unauthorized
	}
	if err != nil {
		return "", err
	}
	if ss.Login != c.Subject {
		return "", unauthorized
	}
	if !ss.RevokedAt.IsZero() {
		// Signed out elsewhere, or ended by the operator: say so, not "expired".
		return "", service.Errorf(service.EUNAUTHORIZED, service.MsgSessionClosed, nil)
	}
	if !ss.Active(s.now()) {
		return "", unauthorized
	}
	return c.Subject, nil
}
