package httpserver_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/api"
	"sesame/service/msg"
)

// A partner key through /v1: its kind and partner chosen at generation (a SIRET that
// fails its check digit refused with a sentence quoting it, a partner key without a
// partner's name refused), returned by the generation and the list, selected by the
// kind and partner criteria, and written in the generation's journal event and CSV.
// A key generated without a kind is the firm's.
func TestPartnerKeys(t *testing.T) {
	onBothStores(t, nil, func(t *testing.T, e *env) {
		_, admin := e.signIn(loginA, e.passwordA)
		own := e.generate(admin.AccessToken, tiersA, "Compta interne")
		if own.Key.Kind != string(service.KindFirm) || own.Key.Partner != nil {
			t.Fatalf("a key generated without a kind: %+v", own.Key)
		}

		req := map[string]any{"tiers": tiersA, "service": serviceLoop, "name": "Pour ACME", "kind": "partner",
			"partner": map[string]any{"name": "ACME Édition", "siret": "732 829 320 00075", "contactEmail": "jeanne@acme.fr"}}
		st, h, body := e.do("POST", "/v1/keys", admin.AccessToken, req)
		p := problem(t, h, body)
		if st/100 != 4 || p.Kind != service.EINVALID || p.Field != "partner.siret" || !strings.Contains(p.Detail, "« 732 829 320 00075 »") {
			t.Fatalf("a wrong SIRET: %d %+v", st, p)
		}
		st, h, body = e.do("POST", "/v1/keys", admin.AccessToken, map[string]any{"tiers": tiersA, "service": serviceLoop, "name": "Sans partenaire", "kind": "partner"})
		if p := problem(t, h, body); st/100 != 4 || p.Field != "partner.name" || p.Detail != msg.Text(service.MsgPartnerNameRequired, msg.French, nil) {
			t.Fatalf("a partner key without a partner: %d %+v", st, p)
		}

		req["partner"].(map[string]any)["siret"] = "732 829 320 00074"
		st, _, body = e.do("POST", "/v1/keys", admin.AccessToken, req)
		var g api.GenerateResponse
		if st != http.StatusCreated || json.Unmarshal(body, &g) != nil || g.Key.Kind != "partner" || g.Key.Partner == nil ||
			*g.Key.Partner != (api.Partner{Name: "ACME Édition", SIRET: "73282932000074", ContactEmail: "jeanne@acme.fr"}) {
			t.Fatalf("a partner key: %d %s", st, body)
		}
		if st, _ := e.verify(g.Identifier, g.Secret); st != http.StatusOK {
			t.Fatalf("the partner key at verify: %d", st)
		}

		list := func(query string) []string {
			t.Helper()
			st, _, body := e.do("GET", "/v1/keys?tiers="+tiersA+"&service="+serviceLoop+query, admin.AccessToken, nil)
			var page api.KeyPage
			if st != http.StatusOK || json.Unmarshal(body, &page) != nil {
				t.Fatalf("list%s: %d %s", query, st, body)
			}
			var ids []string
			for _, k := range page.Keys {
				ids = append(ids, k.ID)
			}
			return ids
		}
		if ids := list("&kind=partner"); len(ids) != 1 || ids[0] != g.Identifier {
			t.Fatalf("kind=partner: %v", ids)
		}
		if ids := list("&kind=firm"); len(ids) != 1 || ids[0] != own.Identifier {
			t.Fatalf("kind=firm: %v", ids)
		}
		if ids := list("&partner=acme%20edition"); len(ids) != 1 || ids[0] != g.Identifier {
			t.Fatalf("partner=acme edition: %v", ids)
		}
		if st, h, body := e.do("GET", "/v1/keys?tiers="+tiersA+"&service="+serviceLoop+"&kind=cabinet", admin.AccessToken, nil); st != http.StatusUnprocessableEntity || problem(t, h, body).Field != "kind" {
			t.Fatalf("kind=cabinet: %d %s", st, body)
		}

		wantDetail := `kind=partner partner="ACME Édition" siret="73282932000074" email="jeanne@acme.fr"`
		_, _, body = e.do("GET", "/v1/audit?tiers="+tiersA+"&action=generate", admin.AccessToken, nil)
		var ap api.AuditPage
		if json.Unmarshal(body, &ap) != nil || len(ap.Events) != 2 || ap.Events[0].KeyID != g.Identifier || !strings.HasSuffix(ap.Events[0].Detail, " "+wantDetail) || !strings.HasPrefix(ap.Events[1].Detail, "expires=") || strings.Contains(ap.Events[1].Detail, "partner") {
			t.Fatalf("generation events: %s", body)
		}
		_, _, body = e.do("GET", "/v1/audit?format=csv&tiers="+tiersA, admin.AccessToken, nil)
		if !strings.Contains(string(body), "Clé partenaire : ACME Édition ; SIRET 73282932000074 ; e-mail : jeanne@acme.fr") {
			t.Fatalf("the CSV lacks the partner:\n%s", body)
		}
	})
}
