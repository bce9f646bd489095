package httpserver_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/api"
)

// An administrator of firm A tries everything /v1 offers on firm B's tiers and keys:
// each attempt is refused with 404 and no answer holds anything of B.
func TestTenantIsolation(t *testing.T) {
	e := newEnv(t, nil)
	_, tokA := e.signIn(loginA, e.passwordA)
	_, tokB := e.signIn(loginB, e.passwordB)
	keyB := e.generate(tokB.AccessToken, tiersB, "Clé secrète de B")
	// What must never reach A: B's key identifier, name, tiers code and name, the
	// administrator's name.
	secretsOfB := []string{keyB.Identifier, keyB.Key.Name, tiersB, "AUTRE CABINET", "MARTIN Marie", keyB.Secret, keyB.Key.SecretHint}

	keys := func(q url.Values) string { return "/v1/keys?" + q.Encode() }
	cases := []struct {
		name, method, path string
		body               any
		want               int
	}{
		{"list B's keys", "GET", keys(url.Values{"tiers": {tiersB}, "service": {serviceLoop}}), nil, http.StatusNotFound},
		{"list B's revoked keys", "GET", keys(url.Values{"tiers": {tiersB}, "service": {serviceLoop}, "status": {"revoked"}}), nil, http.StatusNotFound},
		{"search B's keys by name", "GET", keys(url.Values{"tiers": {tiersB}, "service": {serviceLoop}, "name": {"secrète"}}), nil, http.StatusNotFound},
		{"read B's audit", "GET", "/v1/audit?tiers=" + tiersB, nil, http.StatusNotFound},
		{"read B's audit among A's", "GET", "/v1/audit?tiers=" + tiersA + "&tiers=" + tiersB, nil, http.StatusNotFound},
		{"revoke B's key", "POST", "/v1/keys/" + keyB.Identifier + "/revoke", nil, http.StatusNotFound},
		{"revoke B's key, lower case", "POST", "/v1/keys/" + strings.ToLower(keyB.Identifier) + "/revoke", nil, http.StatusNotFound},
		{"generate for B", "POST", "/v1/keys", api.GenerateRequest{Tiers: tiersB, Service: serviceLoop, Name: "intrus"}, http.StatusNotFound},
		{"generate for B, same name", "POST", "/v1/keys", api.GenerateRequest{Tiers: tiersB, Service: serviceLoop, Name: keyB.Key.Name}, http.StatusNotFound},
		// What A may see holds nothing of B either.
		{"own profile", "GET", "/v1/profile", nil, http.StatusOK},
		{"own audit", "GET", "/v1/audit", nil, http.StatusOK},
		{"own keys", "GET", keys(url.Values{"tiers": {tiersA}, "service": {serviceLoop}}), nil, http.StatusOK},
	}
	for _, c := range cases {
		status, h, body := e.do(c.method, c.path, tokA.AccessToken, c.body)
		if status != c.want {
			t.Errorf("%s: status %d, want %d: %s", c.name, status, c.want, body)
		}
		if status == http.StatusNotFound {
			if p := problem(t, h, body); p.Kind != service.ENOTFOUND || p.Detail == "" {
				t.Errorf("%s: problem %+v", c.name, p)
			}
		}
		for _, s := range secretsOfB {
			if strings.Contains(string(body), s) {
				t.Errorf("%s: the answer holds %q of firm B: %s", c.name, s, body)
			}
		}
	}
	// B's key is untouched and still works.
	if status, _ := e.verify(keyB.Identifier, keyB.Secret); status != http.StatusOK {
		t.Fatalf("B's key after A's attempts: %d", status)
	}
	status, _, body := e.do("GET", keys(url.Values{"tiers": {tiersB}, "service": {serviceLoop}}), tokB.AccessToken, nil)
	if status != http.StatusOK || !strings.Contains(string(body), keyB.Identifier) || !strings.Contains(string(body), `"status":"active"`) {
		t.Fatalf("B lists its key: %d %s", status, body)
	}
	status, _, body = e.do("GET", "/v1/audit", tokB.AccessToken, nil)
	if status != http.StatusOK || strings.Count(string(body), `"action"`) != 2 || strings.Count(string(body), `"action":"generate"`) != 1 ||
		strings.Count(string(body), `"action":"signin","keyId":"","keyName":"","tiers":"`+tiersB+`"`) != 1 {
		t.Fatalf("B's audit holds A's attempts or misses B's sign-in and generation: %s", body)
	}
}
