package httpserver

import (
	"net/http"

	"sesame/service"
)

// handleRevoke is the revocation endpoint (RFC 7009 §2). The desktop app, a public
// client, identifies itself by client_id alone (§2.1 allows it) and signs out by
// revoking its refresh token, or one of its access tokens: either ends the whole
// session (§2.1: revoking a refresh token SHOULD revoke the access tokens of the
// same grant). An unknown token, or one of another client, is answered 200 and
// left alone (§2.2). An API key's access tokens cannot be revoked one by one:
// revoking the key does that, so they get unsupported_token_type (§2.2.1).
func (s *Server) handleRevoke(w http.ResponseWriter, r *http.Request) {
	form, creds, ok := readOAuthRequest(w, r)
	if !ok {
		return
	}
	if oe := publicClient(creds); oe != nil {
		writeOAuthError(w, oe)
		return
	}
	token, oe := single(form, "token")
	if oe != nil {
		writeOAuthError(w, oe)
		return
	}
	ctx := r.Context()
	sessionID := ""
	if form.Get("token_type_hint") != "refresh_token" {
		if c, err := s.parseAccessToken(ctx, token); err == nil {
			if c.SessionID == "" {
				writeOAuthError(w, &oauthError{status: http.StatusBadRequest, code: "unsupported_token_type",
					description: "API key tokens end when the key is revoked"})
				return
			}
			if c.ClientID == creds.ID {
				sessionID = sessionKey(c.SessionID)
			}
		}
	}
	if sessionID == "" {
		_, ss, err := s.st.RefreshTokenSession(ctx, digest(token))
		switch {
		case err == nil && ss.ClientID == creds.ID:
			sessionID = ss.ID
		case err != nil && service.ErrorCode(err) != service.ENOTFOUND:
			s.writeGrantError(w, r, err)
			return
		}
	}
	if sessionID != "" {
		if err := s.st.RevokeSession(ctx, sessionID, s.now()); err != nil {
			s.writeGrantError(w, r, err)
			return
		}
		s.log.Info("session revoked", append(logAttrs(r), "session", sessionID)...)
	}
	w.WriteHeader(http.StatusOK)
}
