package httpserver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"sesame/service"
	"sesame/service/api"
)

func TestV1KeysFlow(t *testing.T) {
	e := newEnv(t, nil)
	_, tok := e.signIn(loginA, e.passwordA)
	bearer := tok.AccessToken

	status, _, body := e.do("GET", "/v1/catalogue?category=Services%20en%20ligne", bearer, nil)
	var cat api.Catalogue
	if status != http.StatusOK || json.Unmarshal(body, &cat) != nil || len(cat.Categories) == 0 {
		t.Fatalf("catalogue: %d %s", status, body)
	}
	found := false
	for _, s := range cat.Entries {
		if s.Category != "Services en ligne" {
			t.Fatalf("category filter let %q through", s.Category)
		}
		found = found || s.ID == serviceLoop && s.AcceptsKeys
	}
	if !found {
		t.Fatalf("Loop APIkey missing from the catalogue: %s", body)
	}

	g := e.generate(bearer, tiersA, "  Félix <script> ")
	if g.Key.Name != "Félix <script>" || g.Key.CreatedBy != "DELHUMEAU Vincent" || g.Key.Status != "active" ||
		g.Identifier != g.Key.ID || service.CheckSecret(g.Secret) != nil || !strings.HasPrefix(g.Secret, g.Key.SecretHint[:8]) {
		t.Fatalf("generated: %+v", g.Key)
	}
	e.generate(bearer, tiersA, "Deuxième")
	e.generate(bearer, tiersAAttached, "Rattachée")

	// A duplicate active name: 409 with the field, as the local Portal says it.
	status, h, body := e.do("POST", "/v1/keys", bearer, api.GenerateRequest{Tiers: tiersA, Service: serviceLoop, Name: "Deuxième"})
	if p := problem(t, h, body); status != http.StatusConflict || p.Kind != service.ECONFLICT || p.Field != "name" || p.Code != service.MsgKeyNameTaken {
		t.Fatalf("duplicate: %d %+v", status, p)
	}
	// A blank name: 422 with the French sentence.
	status, h, body = e.do("POST", "/v1/keys", bearer, api.GenerateRequest{Tiers: tiersA, Service: serviceLoop, Name: "  "})
	if p := problem(t, h, body); status != http.StatusUnprocessableEntity || p.Field != "name" || p.Code != service.MsgKeyNameBlank {
		t.Fatalf("blank: %d %+v", status, p)
	}
	// The problem rebuilds the very error the local Portal returns.
	if err := problem(t, h, body).Err(); service.ErrorCode(err) != service.EINVALID || service.ErrorMessage(err) != service.MsgKeyNameBlank {
		t.Fatalf("Problem.Err = %v", err)
	}

	// Revoke one, then list with criteria, sorted, paged.
	if status, _, body := e.do("POST", "/v1/keys/"+g.Identifier+"/revoke", bearer, nil); status != http.StatusOK {
		t.Fatalf("revoke: %d %s", status, body)
	}
	list := func(q string) api.KeyPage {
		t.Helper()
		status, _, body := e.do("GET", "/v1/keys?tiers="+tiersA+"&service="+serviceLoop+q, bearer, nil)
		var p api.KeyPage
		if status != http.StatusOK || json.Unmarshal(body, &p) != nil {
			t.Fatalf("list %q: %d %s", q, status, body)
		}
		return p
	}
	if p := list("&status=active"); len(p.Keys) != 1 || p.Keys[0].Name != "Deuxième" {
		t.Fatalf("active: %+v", p)
	}
	if p := list("&status=revoked"); len(p.Keys) != 1 || p.Keys[0].ID != g.Identifier || p.Keys[0].RevokedAt == nil {
		t.Fatalf("revoked: %+v", p)
	}
	if p := list("&name=FELIX"); len(p.Keys) != 1 || p.Keys[0].ID != g.Identifier {
		t.Fatalf("name: %+v", p)
	}
	first := list("&sort=name&limit=1")
	if len(first.Keys) != 1 || first.Keys[0].Name != "Deuxième" || first.Next == "" || first.Count == nil || *first.Count != (api.KeyCount{N: 2}) {
		t.Fatalf("page 1: %+v", first)
	}
	if second := list("&sort=name&limit=1&cursor=" + first.Next); len(second.Keys) != 1 || second.Keys[0].ID != g.Identifier || second.Next != "" || second.Count != nil {
		t.Fatalf("page 2: %+v", second)
	}
	// The count as JSON: {"n":2} on the first page only.
	if _, _, body := e.do("GET", "/v1/keys?tiers="+tiersA+"&service="+serviceLoop+"&limit=1", bearer, nil); !strings.Contains(string(body), `"count":{"n":2}`) {
		t.Fatalf("first page's JSON has no count: %s", body)
	}
	status, h, body = e.do("GET", "/v1/keys?tiers="+tiersA+"&service="+serviceLoop+"&limit=x", bearer, nil)
	if p := problem(t, h, body); status != http.StatusUnprocessableEntity || p.Field != "limit" {
		t.Fatalf("bad limit: %d %+v", status, p)
	}

	status, _, body = e.do("GET", "/v1/audit", bearer, nil)
	var audit api.AuditPage
	if status != http.StatusOK || json.Unmarshal(body, &audit) != nil || len(audit.Events) != 5 ||
		audit.Events[0].Action != "revoke" || audit.Events[0].Login != loginA || audit.Events[0].KeyID != g.Identifier ||
		audit.Events[4].Action != "signin" || audit.Events[4].Addr != "127.0.0.1" {
		t.Fatalf("audit: %d %s", status, body)
	}
}

// Only an administrator's token opens /v1: an API key's, none, a forged one or
// garbage get 401 with the French sentence.
func TestV1RefusesOtherTokens(t *testing.T) {
	e := newEnv(t, nil)
	_, admin := e.signIn(loginA, e.passwordA)
	g := e.generate(admin.AccessToken, tiersA, "Passerelle")
	keyTok, err := e.keyClient(g.Identifier, g.Secret, oauth2.AuthStyleInHeader).Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(admin.AccessToken, ".")
	noSig := parts[0] + "." + parts[1] + "."
	for name, bearer := range map[string]string{"API key token": keyTok.AccessToken, "none": "", "garbage": "abc.def.ghi", "unsigned": noSig} {
		for _, path := range []string{"/v1/profile", "/v1/keys?tiers=" + tiersA + "&service=" + serviceLoop, "/v1/audit", "/v1/catalogue"} {
			status, h, body := e.do("GET", path, bearer, nil)
			p := problem(t, h, body)
			if status != http.StatusUnauthorized || p.Kind != service.EUNAUTHORIZED || p.Code != service.MsgUnauthorized {
				t.Errorf("%s on %s: %d %+v", name, path, status, p)
			}
		}
		status, _, _ := e.do("POST", "/v1/keys", bearer, api.GenerateRequest{Tiers: tiersA, Service: serviceLoop, Name: "x"})
		if status != http.StatusUnauthorized {
			t.Errorf("%s generates: %d", name, status)
		}
	}
}

func TestV1RequestLimits(t *testing.T) {
	e := newEnv(t, nil)
	_, tok := e.signIn(loginA, e.passwordA)
	send := func(body []byte) (int, api.Problem) {
		req, _ := http.NewRequest("POST", e.url("/v1/keys"), bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
		req.Header.Set("Content-Type", "application/json")
		status, h, b := e.send(req)
		return status, problem(t, h, b)
	}
	huge := []byte(`{"tiers":"` + tiersA + `","service":"loop-apikey","name":"` + strings.Repeat("a", 1<<20) + `"}`)
	if status, p := send(huge); status != http.StatusUnprocessableEntity || p.Code != "request.too_large" {
		t.Fatalf("1 MiB body: %d %+v", status, p)
	}
	for _, b := range []string{`{"tiers":`, `{"tiers":"95963","extra":1}`, `{"tiers":"95963"} {}`} {
		if status, p := send([]byte(b)); status != http.StatusUnprocessableEntity || p.Kind != service.EINVALID {
			t.Fatalf("%s: %d %+v", b, status, p)
		}
	}
	status, h, body := e.do("GET", "/nothing/here", "", nil)
	if p := problem(t, h, body); status != http.StatusNotFound || p.Kind != service.ENOTFOUND {
		t.Fatalf("unknown path: %d %+v", status, p)
	}
}

// The server serves its OpenAPI description and the reference page rendered from
// it, the page with a policy that allows its own style and nothing else.
func TestOpenAPIAndDocsServed(t *testing.T) {
	e := newEnv(t, nil)
	status, h, body := e.do("GET", "/v1/openapi.json", "", nil)
	var doc struct {
		OpenAPI string         `json:"openapi"`
		Paths   map[string]any `json:"paths"`
	}
	if status != http.StatusOK || h.Get("Content-Type") != "application/json" || json.Unmarshal(body, &doc) != nil ||
		doc.OpenAPI != "3.1.0" || doc.Paths["/v1/keys"] == nil {
		t.Fatalf("GET /v1/openapi.json: %d %s %.200s", status, h.Get("Content-Type"), body)
	}
	status, h, body = e.do("GET", "/docs", "", nil)
	if status != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "text/html") ||
		!strings.Contains(string(body), "POST</span> <code>/v1/keys</code>") {
		t.Fatalf("GET /docs: %d %s %.200s", status, h.Get("Content-Type"), body)
	}
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "style-src 'sha256-") {
		t.Fatalf("GET /docs: CSP %q", csp)
	}
}
