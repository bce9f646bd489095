package verify_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"sesame/service"
	"sesame/service/httpserver/servertest"
	"sesame/service/msg"
)

// The middleware's refusals say their sentence from Sésame's catalogue, in the
// caller's language: French by default, English when Accept-Language prefers it.
func TestRefusalSentencesFromTheCatalogue(t *testing.T) {
	f := newFixture(t, nil)
	ro, err := f.portal.Generate(context.Background(), service.GenerateRequest{Tiers: servertest.Tiers, Service: "loop-apikey", Name: "Lecture seule",
		Restrictions: service.RestrictionsInput{ReadOnly: true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		what, method, key, lang string
		status                  int
		code                    msg.Code
	}{
		{"read-only key, POST", "POST", apikey(ro), "", http.StatusForbidden, "restrict.refused_read_only"},
		{"read-only key, POST, English", "POST", apikey(ro), "en-GB,en;q=0.9,fr;q=0.5", http.StatusForbidden, "restrict.refused_read_only"},
		{"no key, English", "GET", "", "en", http.StatusUnauthorized, "verify.key_refused"},
		{"no key", "GET", "", "fr-FR", http.StatusUnauthorized, "verify.key_refused"},
		{"key of another service, English", "GET", apikey(f.depot), "en", http.StatusForbidden, "apikey.wrong_service"},
	} {
		req, _ := http.NewRequest(tc.method, f.api.URL+"/clients", nil)
		if tc.key != "" {
			req.Header.Set("x-apikey", tc.key)
		}
		if tc.lang != "" {
			req.Header.Set("Accept-Language", tc.lang)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var p struct{ Detail string }
		err = json.NewDecoder(resp.Body).Decode(&p)
		resp.Body.Close()
		want := msg.Text(tc.code, msg.Negotiate(tc.lang), nil)
		if err != nil || resp.StatusCode != tc.status || p.Detail != want || want == string(tc.code) {
			t.Errorf("%s: %d %q (%v); want %d %q", tc.what, resp.StatusCode, p.Detail, err, tc.status, want)
		}
	}
}
