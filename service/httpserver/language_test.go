package httpserver_test

import (
	"net/http"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/api"
)

// The same refusal asked in English and in French carries the same message code, its
// parameters, and the sentence in each caller's language; French when the caller says
// nothing or speaks neither.
func TestProblemSpeaksTheCallersLanguage(t *testing.T) {
	e := newEnv(t, nil)
	_, tok := e.signIn(loginA, e.passwordA)
	e.generate(tok.AccessToken, tiersA, "Paie")
	ask := func(acceptLanguage string) api.Problem {
		t.Helper()
		req, _ := http.NewRequest("POST", e.url("/v1/keys"), strings.NewReader(`{"tiers":"`+tiersA+`","service":"`+serviceLoop+`","name":"Paie"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
		if acceptLanguage != "" {
			req.Header.Set("Accept-Language", acceptLanguage)
		}
		status, h, body := e.send(req)
		if status != http.StatusConflict {
			t.Fatalf("Accept-Language %q: status %d, %s", acceptLanguage, status, body)
		}
		return problem(t, h, body)
	}
	const (
		fr = "Une clé d'API active porte déjà ce nom pour ce tiers et ce service."
		en = "An active API key already has this name for this third party and this service."
	)
	for _, c := range []struct{ header, detail string }{
		{"en", en},
		{"en-GB,en;q=0.9,fr;q=0.5", en},
		{"de-DE, en;q=0.5", en},
		{"fr", fr},
		{"fr-CA", fr},
		{"", fr},
		{"de", fr},
		{"*", fr},
	} {
		p := ask(c.header)
		if p.Code != service.MsgKeyNameTaken || p.Kind != service.ECONFLICT || p.Field != "name" || p.Detail != c.detail {
			t.Errorf("Accept-Language %q: code %q, kind %q, field %q, detail %q; want %q", c.header, p.Code, p.Kind, p.Field, p.Detail, c.detail)
		}
	}
	// A sentence with parameters: they travel beside the sentence, filled in both.
	req, _ := http.NewRequest("GET", e.url("/v1/unknown"), nil)
	req.Header.Set("Accept-Language", "en")
	status, h, body := e.send(req)
	if p := problem(t, h, body); status != http.StatusNotFound || p.Code == "" || p.Detail != "This address does not exist on the server." {
		t.Errorf("unknown path in English: %d %+v", status, p)
	}
}

// The login page speaks the browser's language.
func TestLoginPageSpeaksTheBrowsersLanguage(t *testing.T) {
	e := newEnv(t, nil)
	for _, c := range []struct{ header, lang, text string }{
		{"en-US,en;q=0.9", `lang="en"`, "This application is not allowed to sign in to this server."},
		{"fr-FR,fr;q=0.9", `lang="fr"`, "Cette application n&#39;est pas autorisée à se connecter à ce serveur."},
		{"", `lang="fr"`, "Se connecter avec votre passeport"},
	} {
		req, _ := http.NewRequest("GET", e.url("/oauth2/authorize?client_id=inconnue"), nil)
		if c.header != "" {
			req.Header.Set("Accept-Language", c.header)
		}
		status, _, body := e.send(req)
		if status != http.StatusBadRequest || !strings.Contains(string(body), c.lang) || !strings.Contains(string(body), c.text) {
			t.Errorf("Accept-Language %q: %d, want %s and %q in\n%s", c.header, status, c.lang, c.text, body)
		}
	}
}
