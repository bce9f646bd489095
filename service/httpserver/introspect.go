package httpserver

import (
	"context"
	"errors"
	"net/http"

	"sesame/service"
)

// introspection is the answer of the introspection endpoint (RFC 7662 §2.2).
type introspection struct {
	Active    bool     `json:"active"`
	TokenType string   `json:"token_type,omitempty"`
	ClientID  string   `json:"client_id,omitempty"`
	Subject   string   `json:"sub,omitempty"`
	Audience  []string `json:"aud,omitempty"`
	Issuer    string   `json:"iss,omitempty"`
	Expiry    int64    `json:"exp,omitempty"`
	IssuedAt  int64    `json:"iat,omitempty"`
	ID        string   `json:"jti,omitempty"`
	Tiers     string   `json:"tiers,omitempty"`
	Service   string   `json:"service,omitempty"`
	// Refusal names the rule of the key's restrictions that refuses the request
	// the caller checks (an extension of RFC 7662 §2.2); the token is then inactive.
	Refusal string `json:"refusal,omitempty"`
}

// handleIntrospect is the introspection endpoint (RFC 7662 §2). The caller
// authenticates with an API key (client_secret_basic or client_secret_post; §2.1).
// An access token is active while its signature, issuer and lifetime hold and its
// source does: the key usable (not revoked, not expired), or the administrator's
// session not revoked. A refresh token is active while unspent and its session is.
// A token is not secret to whoever holds it, so any key may introspect any token:
// the answer says no more than the JWT's own claims.
func (s *Server) handleIntrospect(w http.ResponseWriter, r *http.Request) {
	form, creds, ok := readOAuthRequest(w, r)
	if !ok {
		return
	}
	if creds.ID == "" || creds.Secret == "" {
		writeOAuthError(w, errInvalidClient(creds.Basic))
		return
	}
	k, err := s.authenticateKey(r.Context(), r, creds.ID, creds.Secret)
	if err != nil {
		var th keyThrottled
		switch {
		case errors.As(err, &th):
			writeOAuthError(w, errTooManyAttempts(th.wait))
		case errors.Is(err, errKeyRejected):
			writeOAuthError(w, errInvalidClient(creds.Basic))
		default:
			s.writeGrantError(w, r, err)
		}
		return
	}
	token, oe := single(form, "token")
	if oe != nil {
		writeOAuthError(w, oe)
		return
	}
	out, err := s.introspect(r.Context(), token, form.Get("token_type_hint"))
	if err == nil && out.Active && out.TokenType == "Bearer" && out.Tiers != "" {
		out, err = s.introspectRestricted(w, r, out)
	}
	if err != nil {
		s.writeGrantError(w, r, err)
		return
	}
	s.recordUse(k)
	writeJSON(w, http.StatusOK, out)
}

// introspectRestricted applies the restrictions of the key an active access token
// was issued to, as they are now, to the request the caller checks: its method
// (X-Original-Method) and its client's address (through the trusted proxy rules,
// as on POST /v1/verify). A refusal makes the token inactive with the rule named,
// and Retry-After for the rate.
func (s *Server) introspectRestricted(w http.ResponseWriter, r *http.Request, out introspection) (introspection, error) {
	k, err := s.cache.Key(r.Context(), out.ClientID)
	if err != nil {
		return introspection{}, err
	}
	ip, addr := clientAddrs(r)
	err = s.enforce(r, usedKey{KeyRecord: k, at: s.now(), addr: addr, ip: ip}, s.checkedMethod(r, false))
	rf, refused := asRefusal(err)
	switch {
	case refused:
		if rf.wait > 0 {
			w.Header().Set("Retry-After", retryAfter(rf.wait))
		}
		return introspection{Active: false, Refusal: string(rf.reason)}, nil
	case err != nil:
		return introspection{}, err
	}
	return out, nil
}

// introspect looks a token up; an unknown or dead token is simply inactive.
func (s *Server) introspect(ctx context.Context, token, hint string) (introspection, error) {
	if hint != "refresh_token" {
		if c, err := s.parseAccessToken(ctx, token); err == nil {
			active, err := s.accessTokenLive(ctx, c)
			if err != nil || !active {
				return introspection{}, err
			}
			return introspection{
				Active: true, TokenType: "Bearer", ClientID: c.ClientID, Subject: c.Subject, Audience: c.Audience,
				Issuer: c.Issuer, Expiry: c.Expiry.Time().Unix(), IssuedAt: c.IssuedAt.Time().Unix(), ID: c.ID,
				Tiers: c.Tiers, Service: c.Service,
			}, nil
		}
	}
	rt, ss, err := s.st.RefreshTokenSession(ctx, digest(token))
	if service.ErrorCode(err) == service.ENOTFOUND {
		return introspection{}, nil
	}
	if err != nil {
		return introspection{}, err
	}
	now := s.now()
	if !rt.UsedAt.IsZero() || !now.Before(rt.ExpiresAt) || !ss.Active(now) {
		return introspection{}, nil
	}
	return introspection{
		Active: true, TokenType: "refresh_token", ClientID: ss.ClientID, Subject: ss.Login,
		Issuer: s.cfg.Issuer, Expiry: rt.ExpiresAt.Unix(), IssuedAt: rt.IssuedAt.Unix(),
	}, nil
}

// accessTokenLive reports whether what an intact, current access token stands for
// still holds: the administrator's session, or the API key.
func (s *Server) accessTokenLive(ctx context.Context, c accessClaims) (bool, error) {
	if c.SessionID != "" {
		ss, err := s.st.Session(ctx, sessionKey(c.SessionID))
		if service.ErrorCode(err) == service.ENOTFOUND {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		return ss.Active(s.now()) && ss.Login == c.Subject, nil
	}
	k, err := s.cache.Key(ctx, c.ClientID)
	if service.ErrorCode(err) == service.ENOTFOUND {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return k.Usable(s.now()) && k.Tiers == c.Tiers && k.Service == c.Service, nil
}
