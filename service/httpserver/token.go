package httpserver

import (
	"errors"
	"net/http"
	"net/url"
)

// tokenResponse is a successful token answer (RFC 6749 §5.1).
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int64  `json:"expires_in"`
	RefreshToken string `json:"refresh_token,omitempty"`
}

// handleToken is the token endpoint (RFC 6749 §3.2): authorization_code with PKCE
// (§4.1.3, RFC 7636 §4.6), refresh_token with rotation (§6; OAuth 2.0 Security BCP,
// RFC 9700 §4.14.2) and client_credentials for API keys (§4.4).
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	form, creds, ok := readOAuthRequest(w, r)
	if !ok {
		return
	}
	var resp tokenResponse
	var err error
	switch form.Get("grant_type") {
	case "authorization_code":
		resp, err = s.grantAuthorizationCode(r, form, creds)
	case "refresh_token":
		resp, err = s.grantRefreshToken(r, form, creds)
	case "client_credentials":
		resp, err = s.grantClientCredentials(r, creds)
	case "":
		err = errInvalidRequest("grant_type missing")
	default:
		err = &oauthError{status: http.StatusBadRequest, code: "unsupported_grant_type", description: "unsupported grant_type"}
	}
	s.metrics.granted(form.Get("grant_type"), err)
	if err != nil {
		s.writeGrantError(w, r, err)
		return
	}
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, http.StatusOK, resp)
}

// writeGrantError answers an OAuth error as is and anything else as server_error,
// whose cause goes to the log.
func (s *Server) writeGrantError(w http.ResponseWriter, r *http.Request, err error) {
	var oe *oauthError
	if !errors.As(err, &oe) {
		s.log.Error("token request failed", append(logAttrs(r), "err", err)...)
		oe = errServer()
	}
	writeOAuthError(w, oe)
}

// publicClient checks that the caller is the desktop app, a public client: its
// client_id and no secret (RFC 6749 §2.1, §3.2.1).
func publicClient(creds clientCredentials) *oauthError {
	if creds.ID != DesktopClientID || creds.Secret != "" {
		return errInvalidClient(creds.Basic)
	}
	return nil
}

// single returns a required parameter or an invalid_request naming it.
func single(form url.Values, name string) (string, *oauthError) {
	v := form.Get(name)
	if v == "" {
		return "", errInvalidRequest(name + " missing")
	}
	return v, nil
}
