package httpserver_test

import (
	"net/http"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"sesame/service"
)

// badRequest checks a 400 problem document with the French sentence on bad
// characters, and that the server logged no error for it.
func (e *env) wantBadCharacters(t *testing.T, what string, status int, h http.Header, body []byte) {
	t.Helper()
	if status != http.StatusBadRequest {
		t.Fatalf("%s: %d %s, want 400", what, status, body)
	}
	if p := problem(t, h, body); p.Status != http.StatusBadRequest || p.Kind != service.EINVALID || p.Code != service.MsgInvalidCharacters {
		t.Fatalf("%s: problem %+v", what, p)
	}
}

// noErrorLogged fails if the server logged at level ERROR: bad input is the
// caller's mistake, not the server's.
func (e *env) noErrorLogged(t *testing.T) {
	t.Helper()
	if logs := e.logs.String(); strings.Contains(logs, "level=ERROR") {
		t.Fatalf("bad input logged as a server error:\n%s", logs)
	}
}

// Case 5: a NUL in the name criterion is a bad request, not a database error.
func TestNULInQueryIsBadRequest(t *testing.T) {
	onBothStores(t, nil, func(t *testing.T, e *env) {
		_, tok := e.signIn(loginA, e.passwordA)
		for _, q := range []string{
			"tiers=95963&service=loop-apikey&name=a%00b",
			"tiers=95963&service=loop-apikey&name=a%FFb",
			"tiers=95%0063&service=loop-apikey",
			"tiers=95963&service=loop-apikey&name=%ED%A0%80", // an encoded lone surrogate
		} {
			status, h, body := e.do("GET", "/v1/keys?"+q, tok.AccessToken, nil)
			e.wantBadCharacters(t, q, status, h, body)
		}
		status, h, body := e.do("GET", "/v1/audit?tiers=%00", tok.AccessToken, nil)
		e.wantBadCharacters(t, "audit", status, h, body)
		status, h, body = e.do("POST", "/v1/keys/0000-%00-0000/revoke", tok.AccessToken, nil)
		e.wantBadCharacters(t, "path", status, h, body)
		e.noErrorLogged(t)
	})
}

// Case 6: a login with NUL or an invalid byte gets the login page again with a
// French sentence and 400, not 503.
func TestBadCharactersInLoginForm(t *testing.T) {
	onBothStores(t, nil, func(t *testing.T, e *env) {
		lb := newLoopback(t)
		authURL := e.oauthConfig(lb.srv.URL+"/cb").AuthCodeURL("s", oauth2.S256ChallengeOption(oauth2.GenerateVerifier()))
		for _, login := range []string{"vin\x00cent", "vin\xffcent"} {
			b := newBrowser(t)
			_, _, f := b.open(authURL)
			f.values.Set("login", login)
			f.values.Set("password", "mauvais")
			status, h, page := b.submit(authURL, f)
			if status != http.StatusBadRequest || !strings.HasPrefix(h.Get("Content-Type"), "text/html") ||
				!strings.Contains(page, "caractères non valides") {
				t.Fatalf("login %q: %d %s", login, status, page)
			}
		}
		// The administrator still signs in.
		e.signIn(loginA, e.passwordA)
		e.noErrorLogged(t)
	})
}

// Case 8: invalid UTF-8 anywhere in a request is refused with 400, never replaced
// by U+FFFD and stored.
func TestInvalidUTF8IsRefused(t *testing.T) {
	onBothStores(t, nil, func(t *testing.T, e *env) {
		_, tok := e.signIn(loginA, e.passwordA)
		post := func(body string) (int, http.Header, []byte) {
			req, _ := http.NewRequest("POST", e.url("/v1/keys"), strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
			return e.send(req)
		}
		for _, name := range []string{
			"Caf\xff",         // a raw byte that is not UTF-8
			"Caf\xc3",         // a truncated sequence
			`Caf\ud800`,       // a lone high surrogate
			`Caf\udc00e`,      // a lone low surrogate
			`Caf\ud800\u0041`, // a high surrogate before something else
			`Caf\u0000`,       // NUL
		} {
			status, h, body := post(`{"tiers":"95963","service":"loop-apikey","name":"` + name + `"}`)
			e.wantBadCharacters(t, name, status, h, body)
		}
		// A real surrogate pair is a character like any other.
		if status, _, body := post(`{"tiers":"95963","service":"loop-apikey","name":"Clé \ud83d\udd11"}`); status != http.StatusCreated ||
			!strings.Contains(string(body), "Clé 🔑") {
			t.Fatalf("surrogate pair: %d %s", status, body)
		}
		// Nothing with U+FFFD was stored.
		if _, _, body := e.do("GET", "/v1/keys?tiers=95963&service=loop-apikey", tok.AccessToken, nil); strings.Contains(string(body), "\ufffd") ||
			strings.Count(string(body), `"name"`) != 1 {
			t.Fatalf("keys after the refusals: %s", body)
		}
		// A form (the token endpoint) with an invalid byte: invalid_request.
		req, _ := http.NewRequest("POST", e.url("/oauth2/token"), strings.NewReader("grant_type=client_credentials&client_id=%FF&client_secret=x"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if status, _, body := e.send(req); status != http.StatusBadRequest || !strings.Contains(string(body), "invalid_request") {
			t.Fatalf("token form with 0xFF: %d %s", status, body)
		}
		e.noErrorLogged(t)
	})
}
