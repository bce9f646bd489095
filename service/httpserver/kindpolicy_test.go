package httpserver_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/api"
)

// The firm's policy per kind through /v1: PUT /v1/policy sets the partner keys' own
// maximum beside the firm's, the profile and GET /v1/policy say it, and a partner key
// beyond it is refused with a sentence naming the rule, in the caller's language,
// while a firm key follows the firm's maximum.
func TestPartnerPolicyThroughV1(t *testing.T) {
	onBothStores(t, nil, func(t *testing.T, e *env) {
		_, admin := e.signIn(loginA, e.passwordA)
		bearer := admin.AccessToken
		status, _, body := e.do("PUT", "/v1/policy", bearer, api.Policy{MaxKeyLifetimeDays: 365, PartnerMaxKeyLifetimeDays: 90})
		var pol api.Policy
		if status != http.StatusOK || json.Unmarshal(body, &pol) != nil || pol != (api.Policy{MaxKeyLifetimeDays: 365, PartnerMaxKeyLifetimeDays: 90}) {
			t.Fatalf("PUT /v1/policy: %d %s", status, body)
		}
		status, _, body = e.do("GET", "/v1/profile", bearer, nil)
		if status != http.StatusOK || !strings.Contains(string(body), `"partnerMaxKeyLifetimeDays":90`) {
			t.Fatalf("GET /v1/profile: %d %s", status, body)
		}
		partner := func(name string, days int) (int, http.Header, []byte) {
			return e.do("POST", "/v1/keys", bearer, api.GenerateRequest{Tiers: tiersA, Service: serviceLoop, Name: name, ExpiresInDays: days,
				Kind: "partner", Partner: &api.Partner{Name: "ACME SAS"}})
		}
		status, h, body := partner("Quatre mois", 120)
		p := problem(t, h, body)
		if status != http.StatusUnprocessableEntity || p.Field != "expiry" || !strings.Contains(p.Detail, "clés partenaires à 90 jours") {
			t.Fatalf("a partner key of 120 days: %d %+v", status, p)
		}
		if status, _, body := partner("Trois mois", 90); status != http.StatusCreated {
			t.Fatalf("a partner key of 90 days: %d %s", status, body)
		}
		status, _, body = e.do("POST", "/v1/keys", bearer, api.GenerateRequest{Tiers: tiersA, Service: serviceLoop, Name: "Cabinet", ExpiresInDays: 200})
		if status != http.StatusCreated {
			t.Fatalf("a firm key of 200 days under a firm maximum of 365: %d %s", status, body)
		}
		status, _, body = e.do("PUT", "/v1/policy", bearer, api.Policy{MaxKeyLifetimeDays: 365, PartnerMaxKeyLifetimeDays: service.MaxPolicyDays + 1})
		if status != http.StatusUnprocessableEntity || !strings.Contains(string(body), "partnerMaxKeyLifetime") {
			t.Fatalf("a partner maximum beyond 100 years: %d %s", status, body)
		}
	})
}
