package remote

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"golang.org/x/oauth2"

	"sesame/service"
)

// What the server (or a proxy in front of it) answers becomes the same *service.Error
// the GUI gets in local mode, with a French sentence even when the body has none.
func TestAnswersBecomeServiceErrors(t *testing.T) {
	for _, tc := range []struct {
		name, contentType, body string
		status                  int
		code, msg, field        string
	}{
		{"problem with a field", "application/problem+json",
			`{"type":"about:blank","title":"Conflict","status":409,"detail":"` + service.MsgKeyNameTaken + `","code":"conflict","field":"name"}`,
			409, service.ECONFLICT, service.MsgKeyNameTaken, "name"},
		{"proxy's 502 page", "text/html", "<h1>Bad Gateway</h1>", 502, service.EUNAVAILABLE, service.MsgUnavailable, ""},
		{"bare 429", "text/plain", "slow down", 429, service.ERATELIMITED, service.MsgRateLimited, ""},
		{"bare 403", "", "", 403, service.EFORBIDDEN, service.MsgForbidden, ""},
		{"bare 500", "", "", 500, service.EINTERNAL, service.MsgUnexpected, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("Authorization") != "Bearer jeton" {
					t.Errorf("no bearer token on the call")
				}
				if tc.contentType != "" {
					w.Header().Set("Content-Type", tc.contentType)
				}
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			}))
			defer srv.Close()
			p := &Portal{base: srv.URL, client: srv.Client(),
				tokens: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "jeton", TokenType: "Bearer"})}
			_, err := p.Profile(context.Background())
			if service.ErrorCode(err) != tc.code || service.ErrorMessage(err) != tc.msg || service.ErrorField(err) != tc.field {
				t.Fatalf("got code %q, message %q, field %q", service.ErrorCode(err), service.ErrorMessage(err), service.ErrorField(err))
			}
		})
	}
}
