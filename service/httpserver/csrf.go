package httpserver

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"net/http"
	"time"
)

// The login form's CSRF defence: a random nonce in a SameSite=Strict, HttpOnly
// cookie, and in a hidden field an HMAC of that nonce, the issue time and every
// parameter of the authorization request, under a secret shared by the replicas (a
// form served by one is accepted by another). A forged POST lacks the cookie; a
// replayed field does not match another browser's nonce or another request's
// parameters; a stale one has expired.
const (
	csrfCookie   = "sesame_login"
	csrfFormTTL  = 30 * time.Minute
	csrfMACLabel = "sesame login form v1"
)

// csrfCookieName is the cookie's name: with TLS, the __Host- prefix pins it to this
// host and path / (RFC 6265bis §4.1.3.2).
func csrfCookieName(r *http.Request) string {
	if r.TLS != nil {
		return "__Host-" + csrfCookie
	}
	return csrfCookie
}

// csrfNonce returns the browser's nonce, setting a new cookie if it has none.
func csrfNonce(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(csrfCookieName(r)); err == nil && len(c.Value) == 43 {
		return c.Value
	}
	nonce := randomToken(32)
	http.SetCookie(w, &http.Cookie{
		Name: csrfCookieName(r), Value: nonce, Path: "/", HttpOnly: true,
		Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode, MaxAge: int(csrfFormTTL / time.Second),
	})
	return nonce
}

// csrfToken returns the hidden field's value for this nonce and request, issued now.
func (s *Server) csrfToken(nonce string, a authRequest, now time.Time) string {
	var ts [8]byte
	binary.BigEndian.PutUint64(ts[:], uint64(now.Unix()))
	return base64.RawURLEncoding.EncodeToString(append(ts[:], s.csrfMAC(nonce, a, ts[:])...))
}

// csrfValid checks a posted token against the browser's cookie and the posted
// request, in constant time.
func (s *Server) csrfValid(r *http.Request, token string, a authRequest, now time.Time) bool {
	c, err := r.Cookie(csrfCookieName(r))
	if err != nil || c.Value == "" {
		return false
	}
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(raw) != 8+sha256.Size {
		return false
	}
	issued := time.Unix(int64(binary.BigEndian.Uint64(raw[:8])), 0)
	if now.Sub(issued) > csrfFormTTL || issued.After(now.Add(time.Minute)) {
		return false
	}
	return hmac.Equal(raw[8:], s.csrfMAC(c.Value, a, raw[:8]))
}

func (s *Server) csrfMAC(nonce string, a authRequest, ts []byte) []byte {
	m := hmac.New(sha256.New, s.csrfKey)
	write := func(v string) {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(v)))
		m.Write(n[:])
		m.Write([]byte(v))
	}
	write(csrfMACLabel)
	write(nonce)
	m.Write(ts)
	for _, f := range a.fields() {
		write(f[0])
		write(f[1])
	}
	return m.Sum(nil)
}
