package httpserver

import (
	"net"
	"net/url"
	"strings"

	"sesame/service/msg"
)

// authRequest is an authorization request (RFC 6749 §4.1.1 with RFC 7636 §4.3), as
// the login page carries it from GET to POST in hidden fields.
type authRequest struct {
	ResponseType        string
	ClientID            string
	RedirectURI         string
	State               string
	Scope               string
	CodeChallenge       string
	CodeChallengeMethod string
}

func readAuthRequest(v url.Values) authRequest {
	return authRequest{
		ResponseType:        v.Get("response_type"),
		ClientID:            v.Get("client_id"),
		RedirectURI:         v.Get("redirect_uri"),
		State:               v.Get("state"),
		Scope:               v.Get("scope"),
		CodeChallenge:       v.Get("code_challenge"),
		CodeChallengeMethod: v.Get("code_challenge_method"),
	}
}

// fields returns the request's parameters in a fixed order, for the hidden fields
// and the CSRF token that binds them.
func (a authRequest) fields() [][2]string {
	return [][2]string{
		{"response_type", a.ResponseType}, {"client_id", a.ClientID}, {"redirect_uri", a.RedirectURI},
		{"state", a.State}, {"scope", a.Scope}, {"code_challenge", a.CodeChallenge},
		{"code_challenge_method", a.CodeChallengeMethod},
	}
}

// pageError is the sentence of the login page, as a message code, shown when the
// request cannot be answered by a redirect (RFC 6749 §4.1.2.1: never redirect to an
// unchecked URI).
type pageError = msg.Code

// checkClient validates the client and its redirect URI. Until both are known good,
// errors are shown on the page.
func (a authRequest) checkClient() pageError {
	if a.ClientID != DesktopClientID {
		return msgLoginClientUnknown
	}
	if !loopbackRedirect(a.RedirectURI) {
		return msgLoginRedirectInvalid
	}
	return ""
}

// checkParams validates the rest of the request once the redirect URI is trusted;
// its errors go back to the client in the redirect (§4.1.2.1).
func (a authRequest) checkParams() (code, description string) {
	switch {
	case a.ResponseType != "code":
		return "unsupported_response_type", "only response_type=code is supported"
	case a.CodeChallengeMethod != "S256":
		return "invalid_request", "PKCE with code_challenge_method=S256 is required"
	case !validChallenge(a.CodeChallenge):
		return "invalid_request", "code_challenge must be 43 base64url characters"
	case len(a.State) > 512:
		return "invalid_request", "state too long"
	}
	return "", ""
}

// loopbackRedirect accepts the redirect URIs of a native app's loopback listener
// (RFC 8252 §7.3): http, the literal 127.0.0.1 or [::1] (not "localhost", §8.3), any
// port, no user information or fragment.
func loopbackRedirect(raw string) bool {
	if len(raw) > 1024 {
		return false
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" || u.User != nil || u.Fragment != "" || u.Opaque != "" {
		return false
	}
	host, port, err := net.SplitHostPort(u.Host)
	if err != nil || port == "" || strings.TrimLeft(port, "0123456789") != "" {
		return false
	}
	return host == "127.0.0.1" || host == "::1" && strings.HasPrefix(u.Host, "[::1]:")
}

// validChallenge checks an S256 code_challenge: BASE64URL of 32 bytes, 43 characters.
func validChallenge(c string) bool {
	return len(c) == 43 && validVerifier(c)
}

// redirectOrigin is the origin the login form may be sent on to: the checked
// loopback redirect URI's, for the form-action directive of the page's CSP (browsers
// apply form-action to the redirect that follows the POST).
func redirectOrigin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// redirectWith returns the redirect URI with the given parameters added to its query.
func redirectWith(raw string, params url.Values) string {
	u, _ := url.Parse(raw) // checked by loopbackRedirect
	q := u.Query()
	for k, vs := range params {
		for _, v := range vs {
			q.Add(k, v)
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}
