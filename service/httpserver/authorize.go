package httpserver

import (
	"net/http"
	"net/url"
	"strings"

	"sesame/service"
	"sesame/service/store"
)

// Limits on what the login form accepts, far above any real login or password.
const (
	maxLoginLen    = 200
	maxPasswordLen = 1024
)

// handleAuthorize is the authorization endpoint (RFC 6749 §3.1, §4.1.1; PKCE RFC 7636
// §4.3; native apps RFC 8252 §7.3): it checks the request and shows the login page
// (in the browser's language). A bad client or redirect URI is shown on the page, never redirected to
// (§4.1.2.1); other errors go back to the checked redirect URI.
func (s *Server) handleAuthorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	a := readAuthRequest(q)
	if repeated(q) {
		s.renderLogin(w, r, http.StatusBadRequest, loginPage{Error: msgLoginRequestInvalid}, a)
		return
	}
	if pe := a.checkClient(); pe != "" {
		s.renderLogin(w, r, http.StatusBadRequest, loginPage{Error: pe}, a)
		return
	}
	if code, desc := a.checkParams(); code != "" {
		s.redirectError(w, r, a, code, desc)
		return
	}
	s.renderLogin(w, r, http.StatusOK, loginPage{Form: true}, a)
}

// handleLogin takes the login form (posted back to /oauth2/authorize) and, for a
// right login and password, redirects to the client with a code (RFC 6749 §4.1.2)
// and the issuer (RFC 9207). Failures are rate-limited per (login, address) and per address, never per login
// alone, so that nobody elsewhere can lock an administrator out.
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil || repeated(r.PostForm) {
		s.renderLogin(w, r, http.StatusBadRequest, loginPage{Error: msgLoginRequestInvalid}, authRequest{})
		return
	}
	a := readAuthRequest(r.PostForm)
	if pe := a.checkClient(); pe != "" {
		s.renderLogin(w, r, http.StatusBadRequest, loginPage{Error: pe}, a)
		return
	}
	if code, desc := a.checkParams(); code != "" {
		s.redirectError(w, r, a, code, desc)
		return
	}
	login := strings.TrimSpace(r.PostForm.Get("login"))
	password := r.PostForm.Get("password")
	now := s.now()
	if !s.csrfValid(r, r.PostForm.Get("csrf_token"), a, now) {
		s.renderLogin(w, r, http.StatusForbidden, loginPage{Form: true, Login: login,
			Error: msgLoginFormExpired}, a)
		return
	}
	if login == "" || password == "" {
		s.renderLogin(w, r, http.StatusBadRequest, loginPage{Form: true, Login: login,
			Error: msgLoginBlank}, a)
		return
	}
	admin, err := s.st.Admin(r.Context(), login)
	if err != nil && service.ErrorCode(err) != service.ENOTFOUND {
		s.log.Error("login: reading administrator", append(logAttrs(r), "err", err)...)
		s.renderLogin(w, r, http.StatusServiceUnavailable, loginPage{Form: true, Login: login, Error: pageError(service.ErrorMessage(err))}, a)
		return
	}
	limitKey := login
	if admin.Login != "" {
		limitKey = admin.Login // the administrator's own spelling, however it was typed
	}
	wait := s.loginThrottled(r, limitKey, admin.Login)
	s.metrics.throttled("login", wait)
	if wait > 0 {
		s.renderLimited(w, r, wait, a, login)
		return
	}
	if len(login) > maxLoginLen || len(password) > maxPasswordLen || !s.pw.check(password, admin.PasswordHash) {
		s.loginFailed(r, limitKey)
		if admin.Login != "" {
			s.log.Info("login failed", append(logAttrs(r), "login", admin.Login)...)
		} else {
			s.log.Info("login failed: unknown login", logAttrs(r)...) // what was typed may be a password
		}
		s.renderLogin(w, r, http.StatusOK, loginPage{Form: true, Login: login, Error: msgLoginWrong}, a)
		return
	}
	sid := randomToken(16)
	code := withSession(randomToken(32), sid)
	c := store.AuthCode{
		Digest: digest(code), SessionID: sessionKey(sid), ClientID: a.ClientID, RedirectURI: a.RedirectURI,
		Challenge: a.CodeChallenge, Login: admin.Login, CreatedAt: now, ExpiresAt: now.Add(s.cfg.CodeTTL),
	}
	if err := s.st.PutAuthCode(r.Context(), c); err != nil {
		s.log.Error("login: storing code", append(logAttrs(r), "err", err)...)
		s.renderLogin(w, r, http.StatusServiceUnavailable, loginPage{Form: true, Login: login, Error: pageError(service.ErrorMessage(err))}, a)
		return
	}
	s.log.Info("login succeeded", append(logAttrs(r), "login", admin.Login)...)
	params := url.Values{"code": {code}, "iss": {s.cfg.Issuer}}
	if a.State != "" {
		params.Set("state", a.State)
	}
	http.Redirect(w, r, redirectWith(a.RedirectURI, params), http.StatusSeeOther)
}

// redirectError sends an error back to the client's checked redirect URI (RFC 6749
// §4.1.2.1).
func (s *Server) redirectError(w http.ResponseWriter, r *http.Request, a authRequest, code, desc string) {
	params := url.Values{"error": {code}, "error_description": {desc}, "iss": {s.cfg.Issuer}}
	if a.State != "" {
		params.Set("state", a.State)
	}
	http.Redirect(w, r, redirectWith(a.RedirectURI, params), http.StatusSeeOther)
}

// repeated reports whether a parameter appears more than once (RFC 6749 §3.1).
func repeated(v url.Values) bool {
	for _, vs := range v {
		if len(vs) > 1 {
			return true
		}
	}
	return false
}
