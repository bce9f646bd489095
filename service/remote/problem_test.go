package remote

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"golang.org/x/oauth2"
	"golang.org/x/text/language"

	"sesame/service"
	"sesame/service/msg"
)

// What the server (or a proxy in front of it) answers becomes the same *service.Error
// the GUI gets in local mode, with a sentence even when the body has none.
func TestAnswersBecomeServiceErrors(t *testing.T) {
	for _, tc := range []struct {
		name, contentType, body string
		status                  int
		code                    string
		msg                     msg.Code
		field                   string
	}{
		{"problem with a field", "application/problem+json",
			`{"type":"about:blank","title":"Conflict","status":409,"detail":"A sentence","code":"` + string(service.MsgKeyNameTaken) + `","kind":"conflict","field":"name"}`,
			409, service.ECONFLICT, service.MsgKeyNameTaken, "name"},
		{"problem with an unknown code", "application/problem+json",
			`{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"Down","code":"no.such_code","kind":"unavailable"}`,
			503, service.EUNAVAILABLE, service.MsgUnavailable, ""},
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

// The app sends its language, and shows the server's refusal in it from the message
// code, whatever language the server's own sentence is in.
func TestRefusalsInTheAppsLanguage(t *testing.T) {
	defer msg.SetLanguage(msg.French)
	var asked string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = r.Header.Get("Accept-Language")
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusConflict)
		_, _ = w.Write([]byte(`{"type":"about:blank","title":"Conflict","status":409,"detail":"Une phrase du serveur","code":"key.name_taken","kind":"conflict","field":"name"}`))
	}))
	defer srv.Close()
	for _, c := range []struct {
		lang   language.Tag
		header string
		text   string
	}{
		{msg.English, "en", "An active API key already has this name for this third party and this service."},
		{msg.French, "fr", "Une clé d'API active porte déjà ce nom pour ce tiers et ce service."},
	} {
		msg.SetLanguage(c.lang)
		p := &Portal{base: srv.URL, client: &http.Client{Transport: acceptLanguage{srv.Client().Transport}},
			tokens: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "jeton", TokenType: "Bearer"})}
		_, err := p.Profile(context.Background())
		if asked != c.header || service.ErrorText(err, msg.Language()) != c.text || service.ErrorCode(err) != service.ECONFLICT {
			t.Errorf("app in %v: sent Accept-Language %q, shows %q", c.lang, asked, service.ErrorText(err, msg.Language()))
		}
	}
}
