package httpserver_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"sesame/service/api"
)

// Restrictions through /v1: set at generation and shown in the key's JSON (ranges
// merged); changed by PUT /v1/keys/{id}/restrictions from the version read (428
// without it, 409 from a stale one); a bad entry quoted in the caller's language;
// PUT /v1/policy's addressRequired refuses a partner key without addresses, and a
// PUT that leaves it out keeps it.
func TestRestrictionsThroughV1(t *testing.T) {
	onBothStores(t, nil, func(t *testing.T, e *env) {
		_, admin := e.signIn(loginA, e.passwordA)
		bearer := admin.AccessToken
		status, _, body := e.do("POST", "/v1/keys", bearer, api.GenerateRequest{Tiers: tiersA, Service: serviceLoop, Name: "Restreinte",
			Restrictions: &api.Restrictions{Addresses: []string{"192.0.2.0/25", "192.0.2.128/25", "2001:db8::1"}, RatePerMinute: 120}})
		var g api.GenerateResponse
		if status != http.StatusCreated || json.Unmarshal(body, &g) != nil {
			t.Fatalf("POST /v1/keys: %d %s", status, body)
		}
		want := api.Restrictions{Addresses: []string{"192.0.2.0/24", "2001:db8::1"}, RatePerMinute: 120, Burst: 120}
		if r := g.Key.Restrictions; r == nil || strings.Join(r.Addresses, " ") != strings.Join(want.Addresses, " ") || r.Burst != 120 || g.Key.RestrictionsVersion != 1 {
			t.Fatalf("generated key's restrictions: %+v v%d", g.Key.Restrictions, g.Key.RestrictionsVersion)
		}
		path := "/v1/keys/" + g.Key.ID + "/restrictions"
		status, h, body := e.do("PUT", path, bearer, map[string]any{"restrictions": map[string]any{"readOnly": true}})
		_ = h
		if status != http.StatusPreconditionRequired {
			t.Fatalf("PUT without version: %d %s", status, body)
		}
		v := 1
		status, h, body = e.do("PUT", path, bearer, api.RestrictRequest{Version: &v, Restrictions: &api.Restrictions{Addresses: []string{"10.0.0.0/33"}}})
		if p := problem(t, h, body); status != http.StatusUnprocessableEntity || p.Field != "restrictions.addresses" || !strings.Contains(p.Detail, "« 10.0.0.0/33 »") {
			t.Fatalf("a bad range: %d %+v", status, p)
		}
		status, _, body = e.do("PUT", path, bearer, api.RestrictRequest{Version: &v, Restrictions: &api.Restrictions{ReadOnly: true}})
		var act api.KeyAction
		if status != http.StatusOK || json.Unmarshal(body, &act) != nil || act.Key.Restrictions == nil || !act.Key.Restrictions.ReadOnly ||
			act.Key.Restrictions.Addresses != nil || act.Key.RestrictionsVersion != 2 {
			t.Fatalf("PUT restrictions: %d %s", status, body)
		}
		status, h, body = e.do("PUT", path, bearer, api.RestrictRequest{Version: &v, Restrictions: &api.Restrictions{}})
		if p := problem(t, h, body); status != http.StatusConflict || !strings.Contains(p.Detail, "entre-temps") {
			t.Fatalf("PUT from a stale version: %d %+v", status, p)
		}

		partnerOnly := []string{"partner"}
		status, _, body = e.do("PUT", "/v1/policy", bearer, api.Policy{AddressRequired: &partnerOnly})
		if status != http.StatusOK || !strings.Contains(string(body), `"addressRequired":["partner"]`) {
			t.Fatalf("PUT /v1/policy with addressRequired: %d %s", status, body)
		}
		status, _, body = e.do("PUT", "/v1/policy", bearer, api.Policy{MaxKeyLifetimeDays: 365})
		if status != http.StatusOK || !strings.Contains(string(body), `"addressRequired":["partner"]`) {
			t.Fatalf("PUT /v1/policy without addressRequired must keep it: %d %s", status, body)
		}
		status, h, body = e.do("POST", "/v1/keys", bearer, api.GenerateRequest{Tiers: tiersA, Service: serviceLoop, Name: "Partenaire", ExpiresInDays: 30,
			Kind: "partner", Partner: &api.Partner{Name: "ACME SAS"}})
		if p := problem(t, h, body); status != http.StatusUnprocessableEntity || !strings.Contains(p.Detail, "restriction d'adresse pour les clés partenaires") {
			t.Fatalf("a partner key without addresses under the rule: %d %+v", status, p)
		}
	})
}
