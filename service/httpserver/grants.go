package httpserver

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// grantAuthorizationCode exchanges a code (RFC 6749 §4.1.3). The code is single use:
// it is spent by the first attempt, right or wrong, and a second exchange revokes the
// session the first one opened (§4.1.2: "SHOULD revoke … all tokens previously
// issued based on that authorization code"). It is bound to the client, the
// redirect URI and the PKCE verifier (RFC 7636 §4.6, S256 only).
func (s *Server) grantAuthorizationCode(r *http.Request, form url.Values, creds clientCredentials) (tokenResponse, error) {
	if oe := publicClient(creds); oe != nil {
		return tokenResponse{}, oe
	}
	code, oe := single(form, "code")
	if oe != nil {
		return tokenResponse{}, oe
	}
	redirectURI, oe := single(form, "redirect_uri")
	if oe != nil {
		return tokenResponse{}, oe
	}
	verifier, oe := single(form, "code_verifier")
	if oe != nil {
		return tokenResponse{}, oe
	}
	ctx := r.Context()
	now := s.now()
	c, err := s.st.ConsumeAuthCode(ctx, digest(code), now)
	switch service.ErrorCode(err) {
	case "":
	case service.ENOTFOUND:
		return tokenResponse{}, errInvalidGrant("invalid or expired code")
	case service.ECONFLICT:
		if rerr := s.st.RevokeSession(ctx, c.SessionID, now); rerr != nil {
			return tokenResponse{}, rerr
		}
		s.log.Warn("authorization code reused: session revoked", append(logAttrs(r), "login", c.Login, "session", c.SessionID)...)
		return tokenResponse{}, errInvalidGrant("code already used")
	default:
		return tokenResponse{}, err
	}
	sid := sessionOf(code)
	if sessionKey(sid) != c.SessionID {
		return tokenResponse{}, errInvalidGrant("invalid code")
	}
	if c.ClientID != creds.ID || c.RedirectURI != redirectURI {
		return tokenResponse{}, errInvalidGrant("code issued to another client or redirect_uri")
	}
	if !validVerifier(verifier) || !s256Matches(verifier, c.Challenge) {
		return tokenResponse{}, errInvalidGrant("code_verifier does not match")
	}
	admin, err := s.st.Admin(ctx, c.Login)
	if err != nil {
		if service.ErrorCode(err) == service.ENOTFOUND {
			return tokenResponse{}, errInvalidGrant("administrator no longer exists")
		}
		return tokenResponse{}, err
	}
	session := store.Session{ID: c.SessionID, Login: c.Login, ClientID: c.ClientID, CreatedAt: now, ExpiresAt: now.Add(s.cfg.SessionTTL)}
	refresh := withSession(randomToken(32), sid)
	first := store.RefreshToken{Digest: digest(refresh), SessionID: session.ID, IssuedAt: now, ExpiresAt: now.Add(s.cfg.RefreshTokenTTL)}
	if err := s.st.StartSession(ctx, session, first); err != nil {
		if service.ErrorCode(err) == service.ENOTFOUND {
			return tokenResponse{}, errInvalidGrant("code already used")
		}
		return tokenResponse{}, err
	}
	// Journaled here, once the app holds its tokens: a sign-in cancelled after the
	// login page (the app closed, the browser's tab left) never got this far.
	if err := s.auditSignIn(r, admin); err != nil {
		if rerr := s.st.RevokeSession(ctx, session.ID, now); rerr != nil {
			s.log.Error("sign-in not recorded: its session could not be closed", append(logAttrs(r), "session", session.ID, "err", rerr)...)
		}
		return tokenResponse{}, err
	}
	s.log.Info("administrator signed in", append(logAttrs(r), "login", c.Login, "session", session.ID)...)
	return s.adminTokens(session, sid, refresh)
}

// grantRefreshToken rotates a refresh token (RFC 6749 §6): the presented one is spent
// and a new one returned with the access token. Presenting a spent one again is taken
// as theft and ends the whole session, the newer tokens included (RFC 9700 §4.14.2).
func (s *Server) grantRefreshToken(r *http.Request, form url.Values, creds clientCredentials) (tokenResponse, error) {
	if oe := publicClient(creds); oe != nil {
		return tokenResponse{}, oe
	}
	old, oe := single(form, "refresh_token")
	if oe != nil {
		return tokenResponse{}, oe
	}
	ctx := r.Context()
	now := s.now()
	sid := sessionOf(old)
	if sid == "" {
		return tokenResponse{}, errInvalidGrant("invalid or expired refresh token")
	}
	next := withSession(randomToken(32), sid)
	rt := store.RefreshToken{Digest: digest(next), IssuedAt: now, ExpiresAt: now.Add(s.cfg.RefreshTokenTTL)}
	session, err := s.st.RotateRefreshToken(ctx, digest(old), rt, now)
	switch service.ErrorCode(err) {
	case "":
	case service.ENOTFOUND:
		return tokenResponse{}, errInvalidGrant("invalid or expired refresh token")
	case service.ECONFLICT:
		s.log.Warn("refresh token reused: session revoked", append(logAttrs(r), "login", session.Login, "session", session.ID)...)
		return tokenResponse{}, errInvalidGrant("refresh token already used")
	default:
		return tokenResponse{}, err
	}
	if session.ClientID != creds.ID {
		return tokenResponse{}, errInvalidGrant("refresh token issued to another client")
	}
	if _, err := s.st.Admin(ctx, session.Login); err != nil {
		if service.ErrorCode(err) == service.ENOTFOUND {
			_ = s.st.RevokeSession(ctx, session.ID, now)
			return tokenResponse{}, errInvalidGrant("administrator no longer exists")
		}
		return tokenResponse{}, err
	}
	if sessionKey(sid) != session.ID {
		return tokenResponse{}, errInvalidGrant("invalid refresh token")
	}
	return s.adminTokens(session, sid, next)
}

// adminTokens returns an administrator's access token, naming the session by its
// clear identifier sid, and the given refresh token.
func (s *Server) adminTokens(ss store.Session, sid, refresh string) (tokenResponse, error) {
	at, ttl, err := s.issueAccessToken(accessClaims{
		Subject: ss.Login, Audience: []string{s.adminAudience()}, ClientID: ss.ClientID, SessionID: sid,
	}, time.Time{})
	if err != nil {
		return tokenResponse{}, err
	}
	return tokenResponse{AccessToken: at, TokenType: "Bearer", ExpiresIn: ttl, RefreshToken: refresh}, nil
}

// grantClientCredentials issues an access token to an API key (RFC 6749 §4.4): the
// key identifier is the client_id and its secret the client_secret.
func (s *Server) grantClientCredentials(r *http.Request, creds clientCredentials) (tokenResponse, error) {
	if creds.ID == "" || creds.Secret == "" {
		return tokenResponse{}, errInvalidClient(creds.Basic)
	}
	k, err := s.authenticateKey(r.Context(), r, creds.ID, creds.Secret)
	var th keyThrottled
	switch {
	case errors.As(err, &th):
		return tokenResponse{}, errTooManyAttempts(th.wait)
	case errors.Is(err, errKeyRejected):
		return tokenResponse{}, errInvalidClient(creds.Basic)
	case err != nil:
		return tokenResponse{}, err
	}
	// The address is checked at issue; the token carries every restriction for the
	// verifiers that check it offline (verify.TokenVerifier), and introspection
	// applies them at each request.
	if !k.Restrictions.AllowsAddress(k.ip) {
		s.used.refuse(k.ID, k.Version, k.at, k.addr)
		s.log.Info("api key refused", append(logAttrs(r), "key", k.ID, "reason", string(service.RefusalAddress))...)
		return tokenResponse{}, errRefused(string(service.RefusalAddress))
	}
	now := s.now()
	if at, left, ok := s.keyTokens.get(k.ID, k.Tiers, k.Service, now, s.cfg.KeyTokenTTL); ok {
		s.recordUse(k)
		return tokenResponse{AccessToken: at, TokenType: "Bearer", ExpiresIn: left}, nil
	}
	at, ttl, err := s.issueAccessToken(accessClaims{
		Subject: k.ID, Audience: []string{k.Service}, ClientID: k.ID, Tiers: k.Tiers, Service: k.Service,
		Restrictions: claimsOf(k.Restrictions),
	}, k.ExpiresAt)
	if err != nil {
		return tokenResponse{}, err
	}
	s.keyTokens.put(k.ID, keyToken{token: at, tiers: k.Tiers, service: k.Service,
		issued: now, expires: now.Add(time.Duration(ttl) * time.Second)})
	s.recordUse(k)
	return tokenResponse{AccessToken: at, TokenType: "Bearer", ExpiresIn: ttl}, nil
}

// validVerifier checks a PKCE code_verifier's form (RFC 7636 §4.1): 43 to 128
// characters of [A-Za-z0-9-._~].
func validVerifier(v string) bool {
	if len(v) < 43 || len(v) > 128 {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
			return false
		}
	}
	return true
}

// s256Matches compares BASE64URL(SHA256(verifier)) with the challenge in constant
// time (RFC 7636 §4.6).
func s256Matches(verifier, challenge string) bool {
	sum := sha256.Sum256([]byte(verifier))
	got := base64.RawURLEncoding.EncodeToString(sum[:])
	return subtle.ConstantTimeCompare([]byte(got), []byte(challenge)) == 1
}
