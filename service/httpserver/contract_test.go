package httpserver_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"sesame/service/api"
)

// Issue 20 item 2: the contract of /v1 as an integrator reads it in the description.

// adminToken signs firm A's administrator in and returns their access token.
func (e *env) adminToken() string {
	e.t.Helper()
	_, tok := e.signIn(loginA, e.passwordA)
	return tok.AccessToken
}

// refused checks a 4xx problem answer's status and the field it names.
func refused(t *testing.T, what string, status int, h http.Header, body []byte, wantStatus int, wantField string) api.Problem {
	t.Helper()
	if status != wantStatus {
		t.Fatalf("%s: %d %s, want %d", what, status, body, wantStatus)
	}
	p := problem(t, h, body)
	if p.Field != wantField || p.Detail == "" || strings.HasPrefix(string(p.Code), "request.") && !strings.Contains(p.Detail, wantField) {
		t.Fatalf("%s: field %q, detail %q; want the field %q named", what, p.Field, p.Detail, wantField)
	}
	return p
}

// A wrong method on a known path is 405 with the methods it takes, not 404.
func TestWrongMethodIs405WithAllow(t *testing.T) {
	e := newEnv(t, nil)
	bearer := e.adminToken()
	for _, c := range []struct{ method, path, allow string }{
		{"DELETE", "/v1/keys", "GET, HEAD, POST"},
		{"PUT", "/v1/profile", "GET, HEAD"},
		{"GET", "/v1/keys/7KQ2-M9XD-4TRB-H3WZ/revoke", "POST"},
		{"DELETE", "/v1/policy", "GET, HEAD, PUT"},
		{"GET", "/oauth2/token", "POST"},
	} {
		status, h, body := e.do(c.method, c.path, bearer, nil)
		if status != http.StatusMethodNotAllowed || h.Get("Allow") != c.allow {
			t.Errorf("%s %s: %d, Allow %q; want 405 with %q (%s)", c.method, c.path, status, h.Get("Allow"), c.allow, body)
			continue
		}
		if p := problem(t, h, body); !strings.Contains(p.Detail, c.allow) {
			t.Errorf("%s %s: %q does not name the methods", c.method, c.path, p.Detail)
		}
	}
	if status, _, _ := e.do("GET", "/v1/nothing", bearer, nil); status != http.StatusNotFound {
		t.Errorf("GET /v1/nothing: %d, want 404", status)
	}
}

// Unknown parameters and values are refused with a 422 that names them.
func TestUnknownParametersAndValuesRefused(t *testing.T) {
	e := newEnv(t, nil)
	bearer := e.adminToken()
	keys := "/v1/keys?tiers=" + tiersA + "&service=" + serviceLoop
	for _, c := range []struct{ path, field string }{
		{keys + "&keyId=", "keyId"},
		{keys + "&sort=bogus", "sort"},
		{keys + "&unusedDays=0", "unusedDays"},
		{keys + "&noExpiry=jamais", "noExpiry"},
		{keys + "&graceOverDays=0", "graceOverDays"},
		{keys + "&expiresBefore=15/12/2026", "expiresBefore"},
		{keys + "&expiresBefore=0001-01-01T00:00:00Z", "expiresBefore"},
		{"/v1/audit?action=end_grace", "action"},
		{"/v1/audit?format=xml", "format"},
		{"/v1/audit?from=hier", "from"},
		{"/v1/audit?page=2", "page"},
		{"/v1/profile?verbose=1", "verbose"},
		{"/v1/catalogue?categorie=x", "categorie"},
		{"/v1/keys/expiring?days=10", "days"},
	} {
		status, h, body := e.do("GET", c.path, bearer, nil)
		refused(t, "GET "+c.path, status, h, body, http.StatusUnprocessableEntity, c.field)
	}
	for _, ok := range []string{keys + "&sort=name&desc=true&unusedDays=1", keys + "&expiresBefore=2030-01-01", keys + "&noExpiry=true", keys + "&graceOverDays=7",
		"/v1/audit?action=end-grace&from=2026-01-01&to=2030-01-01T00:00:00Z", "/v1/catalogue?category=Services%20en%20ligne"} {
		if status, _, body := e.do("GET", ok, bearer, nil); status != http.StatusOK {
			t.Errorf("GET %s: %d %s, want 200", ok, status, body)
		}
	}
}

// wireInstant is how every instant is answered: RFC 3339, UTC, to the second.
var wireInstant = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)

// Dates are read as RFC 3339 and AAAA-MM-JJ, the zero date refused, and every
// instant answered in one precision.
func TestDatesReadInTwoFormsAnsweredInOne(t *testing.T) {
	e := newEnv(t, nil)
	bearer := e.adminToken()
	gen := func(name, expiresAt string) (int, http.Header, []byte) {
		return e.do("POST", "/v1/keys", bearer, map[string]any{"tiers": tiersA, "service": serviceLoop, "name": name, "expiresAt": expiresAt})
	}
	status, _, body := gen("Courte", "2099-01-15")
	var g struct {
		Key map[string]any `json:"key"`
	}
	if status != http.StatusCreated || json.Unmarshal(body, &g) != nil || g.Key["expiresAt"] != "2099-01-15T00:00:00Z" {
		t.Fatalf("expiresAt 2099-01-15: %d %s", status, body)
	}
	if status, _, body := gen("Heure", "2099-01-15T18:30:00.123+02:00"); status != http.StatusCreated || !strings.Contains(string(body), `"expiresAt":"2099-01-15T16:30:00Z"`) {
		t.Fatalf("expiresAt with an offset and a fraction: %d %s", status, body)
	}
	for _, bad := range []string{"15/01/2099", "0001-01-01T00:00:00Z", "0001-01-01", "demain"} {
		status, h, body := gen("Mauvaise", bad)
		refused(t, "expiresAt "+bad, status, h, body, http.StatusUnprocessableEntity, "expiresAt")
	}
	for _, field := range []string{"createdAt", "expiresAt"} {
		if v, _ := g.Key[field].(string); !wireInstant.MatchString(v) {
			t.Errorf("generation: %s = %q, want RFC 3339 UTC to the second", field, v)
		}
	}
	q := url.Values{"tiers": {tiersA}, "service": {serviceLoop}, "expiresBefore": {"2099-01-16"}}
	status, _, body = e.do("GET", "/v1/keys?"+q.Encode(), bearer, nil)
	var page struct {
		Keys []map[string]any `json:"keys"`
	}
	if status != http.StatusOK || json.Unmarshal(body, &page) != nil || len(page.Keys) != 2 {
		t.Fatalf("expiresBefore=2099-01-16: %d %s, want both keys", status, body)
	}
	for _, k := range page.Keys {
		if v, _ := k["createdAt"].(string); !wireInstant.MatchString(v) || v != g.Key["createdAt"] && k["name"] == "Courte" {
			t.Errorf("listing: createdAt %q, want %q, as generation gave it", v, g.Key["createdAt"])
		}
	}
	status, _, body = e.do("GET", "/v1/audit", bearer, nil)
	var audit struct {
		Events []map[string]any `json:"events"`
	}
	if status != http.StatusOK || json.Unmarshal(body, &audit) != nil || len(audit.Events) == 0 {
		t.Fatalf("audit: %d %s", status, body)
	}
	for _, ev := range audit.Events {
		if v, _ := ev["at"].(string); !wireInstant.MatchString(v) {
			t.Errorf("audit: at = %q", v)
		}
	}
}

// Every key action answers one envelope, {"key": …}; renewal needs the version
// read (428 without it), says when the old secret waits for the new one's first use,
// and the journal names end-grace as its endpoint does.
func TestKeyActionsOneEnvelopeAndRenewalVersion(t *testing.T) {
	e := newEnv(t, nil)
	bearer := e.adminToken()
	g := e.generate(bearer, tiersA, "Enveloppe")
	path := "/v1/keys/" + g.Identifier

	status, h, body := e.do("POST", path+"/renew", bearer, map[string]any{"grace": "first-use"})
	refused(t, "renew without version", status, h, body, http.StatusPreconditionRequired, "version")
	status, h, body = e.do("POST", path+"/renew", bearer, map[string]any{"grace": "first-use", "version": 0})
	refused(t, "renew with version 0", status, h, body, http.StatusUnprocessableEntity, "version")

	var renewed struct {
		Key        api.Key `json:"key"`
		Identifier string  `json:"identifier"`
		Secret     string  `json:"secret"`
	}
	status, _, body = e.do("POST", path+"/renew", bearer, map[string]any{"grace": "first-use", "version": 1})
	if status != http.StatusOK || json.Unmarshal(body, &renewed) != nil || renewed.Key.ID != g.Identifier || renewed.Secret == "" {
		t.Fatalf("renew: %d %s", status, body)
	}
	if o := renewed.Key.OldSecret; o == nil || !o.WaitingForFirstUse || o.Until != nil {
		t.Fatalf("renew first-use: oldSecret %s, want waitingForFirstUse", body)
	}
	if status, _, body := e.do("POST", path+"/renew", bearer, map[string]any{"grace": "none", "version": 1}); status != http.StatusConflict {
		t.Fatalf("second renewal with the version read before the first: %d %s, want 409", status, body)
	}
	for _, c := range []struct{ method, suffix string }{{"GET", ""}, {"POST", "/end-grace"}, {"POST", "/revoke"}} {
		status, _, body := e.do(c.method, path+c.suffix, bearer, nil)
		var env struct {
			Key *api.Key `json:"key"`
		}
		if status != http.StatusOK || json.Unmarshal(body, &env) != nil || env.Key == nil || env.Key.ID != g.Identifier {
			t.Fatalf("%s %s: %d %s, want {\"key\": …}", c.method, path+c.suffix, status, body)
		}
	}
	status, _, body = e.do("GET", "/v1/audit?action=end-grace", bearer, nil)
	var audit api.AuditPage
	if status != http.StatusOK || json.Unmarshal(body, &audit) != nil || len(audit.Events) != 1 || audit.Events[0].Action != "end-grace" {
		t.Fatalf("audit action=end-grace: %d %s", status, body)
	}
}

// The firm's policy is read and set through /v1 by its administrators, journaled
// with the value; another firm's is untouched.
func TestPolicyThroughV1(t *testing.T) {
	e := newEnv(t, nil)
	bearer := e.adminToken()
	_, tokB := e.signIn(loginB, e.passwordB)
	get := func(bearer string) api.Policy {
		status, _, body := e.do("GET", "/v1/policy", bearer, nil)
		var p api.Policy
		if status != http.StatusOK || json.Unmarshal(body, &p) != nil {
			t.Fatalf("GET /v1/policy: %d %s", status, body)
		}
		return p
	}
	if p := get(bearer); p.MaxKeyLifetimeDays != 0 {
		t.Fatalf("policy at first: %+v, want none", p)
	}
	status, _, body := e.do("PUT", "/v1/policy", bearer, api.Policy{MaxKeyLifetimeDays: 365})
	if status != http.StatusOK || !strings.Contains(string(body), `"maxKeyLifetimeDays":365`) {
		t.Fatalf("PUT /v1/policy: %d %s", status, body)
	}
	if p := get(bearer); p.MaxKeyLifetimeDays != 365 {
		t.Fatalf("policy read back: %+v", p)
	}
	if p := get(tokB.AccessToken); p.MaxKeyLifetimeDays != 0 {
		t.Fatalf("firm B's policy changed: %+v", p)
	}
	status, _, body = e.do("GET", "/v1/audit?action=policy", bearer, nil)
	var audit api.AuditPage
	if status != http.StatusOK || json.Unmarshal(body, &audit) != nil || len(audit.Events) != 1 || !strings.Contains(audit.Events[0].Detail, "365") || audit.Events[0].Login != loginA {
		t.Fatalf("journal: %d %s, want one policy event by %s with 365", status, body, loginA)
	}
	status, h, body := e.do("PUT", "/v1/policy", bearer, api.Policy{MaxKeyLifetimeDays: -1})
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("PUT -1: %d %s", status, body)
	}
	_ = problem(t, h, body)
	status, h, body = e.do("PUT", "/v1/policy", bearer, map[string]any{"maxKeyLifetimeDays": "365"})
	refused(t, "PUT a string", status, h, body, http.StatusUnprocessableEntity, "maxKeyLifetimeDays")
	if status, _, _ := e.do("GET", "/v1/policy", "", nil); status != http.StatusUnauthorized {
		t.Fatalf("GET /v1/policy without a token: %d", status)
	}
}
