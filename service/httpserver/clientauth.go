package httpserver

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
)

// clientCredentials are what a client presented to authenticate (RFC 6749 §2.3.1).
type clientCredentials struct {
	ID, Secret string
	Basic      bool // sent with HTTP Basic rather than in the body
}

// parseOAuthForm reads an application/x-www-form-urlencoded body of at most
// maxFormBytes, refusing repeated parameters (RFC 6749 §3.1, §3.2).
func parseOAuthForm(w http.ResponseWriter, r *http.Request) (url.Values, *oauthError) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	ct := r.Header.Get("Content-Type")
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	if !strings.EqualFold(strings.TrimSpace(ct), "application/x-www-form-urlencoded") {
		return nil, errInvalidRequest("body must be application/x-www-form-urlencoded")
	}
	if err := r.ParseForm(); err != nil {
		return nil, errInvalidRequest("unreadable body")
	}
	for name, vs := range r.PostForm {
		if len(vs) > 1 {
			return nil, errInvalidRequest("parameter " + safeParam(name) + " repeated")
		}
	}
	return r.PostForm, nil
}

// readOAuthRequest is parseOAuthForm then readClientCredentials, the start of every
// OAuth2 endpoint that takes a form; on failure it has answered the error itself.
func readOAuthRequest(w http.ResponseWriter, r *http.Request) (url.Values, clientCredentials, bool) {
	form, oe := parseOAuthForm(w, r)
	if oe == nil {
		var creds clientCredentials
		if creds, oe = readClientCredentials(r, form); oe == nil {
			return form, creds, true
		}
	}
	writeOAuthError(w, oe)
	return nil, clientCredentials{}, false
}

// safeParam keeps a parameter name printable and short for an error description.
func safeParam(name string) string {
	var b strings.Builder
	for _, c := range name {
		if b.Len() >= 32 {
			break
		}
		if c >= 'a' && c <= 'z' || c == '_' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// readClientCredentials returns the client's credentials from the Authorization
// header or the body, never both: using two methods at once is refused (§2.3).
func readClientCredentials(r *http.Request, form url.Values) (clientCredentials, *oauthError) {
	authz := r.Header.Get("Authorization")
	if authz == "" {
		return clientCredentials{ID: form.Get("client_id"), Secret: form.Get("client_secret")}, nil
	}
	if form.Has("client_secret") || form.Has("client_id") {
		return clientCredentials{}, errInvalidRequest("more than one client authentication method")
	}
	id, secret, ok := decodeBasicAuth(authz)
	if !ok {
		return clientCredentials{}, errInvalidClient(true)
	}
	return clientCredentials{ID: id, Secret: secret, Basic: true}, nil
}

// decodeBasicAuth decodes "Basic base64(id:secret)" where id and secret were each
// form-urlencoded first (RFC 6749 §2.3.1): "+" is a space and "%2B" a plus.
func decodeBasicAuth(header string) (id, secret string, ok bool) {
	const prefix = "Basic "
	if len(header) < len(prefix) || !strings.EqualFold(header[:len(prefix)], prefix) {
		return "", "", false
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(header[len(prefix):]))
	if err != nil {
		return "", "", false
	}
	rawID, rawSecret, found := strings.Cut(string(raw), ":")
	if !found {
		return "", "", false
	}
	if id, err = url.QueryUnescape(rawID); err != nil {
		return "", "", false
	}
	if secret, err = url.QueryUnescape(rawSecret); err != nil {
		return "", "", false
	}
	return id, secret, true
}
