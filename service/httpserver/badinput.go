package httpserver

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"sesame/service"
	"sesame/service/api"
	"sesame/service/msg"
)

// maxCheckedBody is the largest body the server reads at all (every endpoint takes
// far less; each caps its own); a bigger one is refused as each endpoint would.
const maxCheckedBody = 64 << 10

// validInput refuses, before any handler or database sees it, a request whose path,
// query parameters or body hold text that is not UTF-8 or a NUL character: neither
// database stores them (PostgreSQL refuses both, SQLite cuts at NUL), and Go's JSON
// decoder would silently turn bad bytes and lone surrogates into U+FFFD. The answer
// is 400 with a sentence in the caller's language, in the form the endpoint speaks.
func (s *Server) validInput(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !validText(r.URL.Path) || (r.URL.RawQuery != "" && !validValues(r.URL.Query())) {
			s.badCharacters(w, r)
			return
		}
		// A desktop's file (POST /v1/import) is binary and large: its handler streams
		// it to a file under its own cap.
		if r.Body != nil && r.Body != http.NoBody && r.URL.Path != importPath {
			limit := bodyCap(r)
			body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
			switch {
			case err != nil:
				s.writeBadRequest(w, r, msgRequestInvalid)
				return
			case int64(len(body)) > limit:
				s.tooBig(w, r)
				return
			case !validBody(r.Header.Get("Content-Type"), body):
				s.badCharacters(w, r)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		next.ServeHTTP(w, r)
	})
}

// bodyCap is the most a request's body may hold: maxCheckedBody, or a leak report's
// own cap (a scanning programme sends many tokens at once).
func bodyCap(r *http.Request) int64 {
	if r.URL.Path == "/v1/leaks" {
		return maxLeakReportBytes
	}
	return maxCheckedBody
}

// badCharacters answers a request holding invalid text: the login page for the
// browser, an OAuth2 error for the OAuth2 endpoints (RFC 6749 §5.2), a problem
// document elsewhere.
func (s *Server) badCharacters(w http.ResponseWriter, r *http.Request) {
	s.log.Info("request refused: invalid UTF-8 or NUL", logAttrs(r)...)
	switch {
	case r.URL.Path == "/oauth2/authorize":
		s.renderLogin(w, r, http.StatusBadRequest, loginPage{Error: service.MsgInvalidCharacters}, authRequest{})
	case strings.HasPrefix(r.URL.Path, "/oauth2/"):
		writeOAuthError(w, errInvalidRequest("request contains invalid UTF-8 or NUL"))
	default:
		s.writeBadRequest(w, r, service.MsgInvalidCharacters)
	}
}

// tooBig answers a body over maxCheckedBody as the endpoints answer one over their
// own cap.
func (s *Server) tooBig(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/oauth2/authorize":
		s.renderLogin(w, r, http.StatusBadRequest, loginPage{Error: msgLoginRequestInvalid}, authRequest{})
	case strings.HasPrefix(r.URL.Path, "/oauth2/"):
		writeOAuthError(w, errInvalidRequest("unreadable body"))
	default:
		s.writeProblem(w, r, badRequest(&http.MaxBytesError{Limit: bodyCap(r)}))
	}
}

// writeBadRequest answers 400 with a problem document.
func (s *Server) writeBadRequest(w http.ResponseWriter, r *http.Request, code msg.Code) {
	writeProblemDoc(w, api.NewProblem(http.StatusBadRequest, service.EINVALID, code, callerLanguage(r), ""))
}

// validText reports whether s is UTF-8 without NUL.
func validText(s string) bool {
	return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0
}

func validValues(v url.Values) bool {
	for k, vs := range v {
		if !validText(k) {
			return false
		}
		for _, x := range vs {
			if !validText(x) {
				return false
			}
		}
	}
	return true
}

// validBody checks a body by its media type: a form's decoded names and values, a
// JSON document's bytes and string escapes, anything else's bytes.
func validBody(contentType string, body []byte) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch {
	case mt == "application/x-www-form-urlencoded":
		v, _ := url.ParseQuery(string(body)) // what does not parse, the handler refuses
		return utf8.Valid(body) && validValues(v)
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		return utf8.Valid(body) && jsonEscapesValid(body)
	}
	return utf8.Valid(body) && bytes.IndexByte(body, 0) < 0
}

// jsonEscapesValid reports whether no string of a JSON text escapes NUL (\u0000) or
// a lone surrogate (\ud800 not followed by \udc00-\udfff, or the latter alone).
// Malformed escapes pass: the JSON decoder refuses them itself.
func jsonEscapesValid(b []byte) bool {
	inString := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if !inString {
			inString = c == '"'
			continue
		}
		switch {
		case c == '"':
			inString = false
		case c == '\\' && i+1 < len(b) && b[i+1] != 'u':
			i++
		case c == '\\':
			r, ok := hex4(b, i+2)
			if !ok {
				return true
			}
			i += 5 // on the escape's last digit
			switch {
			case r == 0:
				return false
			case r >= 0xDC00 && r < 0xE000:
				return false
			case r >= 0xD800 && r < 0xDC00:
				if i+2 >= len(b) || b[i+1] != '\\' || b[i+2] != 'u' {
					return false
				}
				if lo, ok := hex4(b, i+3); !ok || lo < 0xDC00 || lo >= 0xE000 {
					return false
				}
				i += 6
			}
		}
	}
	return true
}

// hex4 reads the four hexadecimal digits at b[i:].
func hex4(b []byte, i int) (rune, bool) {
	if i < 0 || i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
