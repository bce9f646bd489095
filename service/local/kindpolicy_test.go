package local_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/msg"
)

// The firm's policy per kind in local mode: a partner keys' maximum of 90 days
// refuses a partner key of 91 days or "Jamais" with a sentence naming the rule,
// leaves firm keys to the firm's maximum (none here), is in the profile and the
// journal, and goes with the rest of the policy.
func TestPartnerKeyPolicy(t *testing.T) {
	ctx := context.Background()
	p, now := clockPortal(t)
	partner := func(name string, e service.Expiry) (service.GeneratedKey, error) {
		return p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: name, Expiry: e,
			Kind: service.KindPartner, Partner: &service.Partner{Name: "ACME SAS"}})
	}
	prof, err := p.SetKeyPolicy(ctx, service.KeyPolicy{PartnerMaxLifetimeDays: 90})
	if err != nil || prof.KeyPolicy != (service.KeyPolicy{PartnerMaxLifetimeDays: 90}) {
		t.Fatalf("SetKeyPolicy = %+v, %v", prof.KeyPolicy, err)
	}
	if _, err := p.SetKeyPolicy(ctx, service.KeyPolicy{PartnerMaxLifetimeDays: -1}); service.ErrorMessage(err) != service.MsgPartnerPolicyDays {
		t.Fatalf("negative partner maximum: %v", err)
	}
	for _, tc := range []struct {
		e    service.Expiry
		code msg.Code
	}{
		{service.Expiry{}, service.MsgPartnerExpiryRequired},
		{service.Expiry{Days: 91}, service.MsgPartnerExpiryTooFar},
		{service.Expiry{At: now.AddDate(0, 4, 0)}, service.MsgPartnerExpiryTooFar},
	} {
		_, err := partner("Refusée", tc.e)
		if service.ErrorMessage(err) != tc.code || service.ErrorField(err) != "expiry" ||
			!strings.Contains(service.ErrorText(err, msg.French), "clés partenaires à 90 jours") {
			t.Fatalf("partner key %+v: %v (%q)", tc.e, err, service.ErrorText(err, msg.French))
		}
	}
	if g, err := partner("Trois mois", service.Expiry{Days: 90}); err != nil || !g.Key.ExpiresAt.Equal(now.Add(90*24*time.Hour)) {
		t.Fatalf("partner key of 90 days: %v, %v", g.Key.ExpiresAt, err)
	}
	if _, err := gen(p, "Cabinet sans fin", service.Expiry{}); err != nil {
		t.Fatalf("a firm key without expiry under a partner rule alone: %v", err)
	}
	evs, _ := p.Audit(ctx, service.AuditFilter{Action: service.AuditPolicy})
	if len(evs) != 1 || evs[0].Detail != "max-lifetime-days=0 partner-max-lifetime-days=90" {
		t.Fatalf("the journal's policy events: %+v", evs)
	}
	if prof, _ := p.Profile(ctx); prof.KeyPolicy.PartnerMaxLifetimeDays != 90 {
		t.Fatalf("the profile's policy: %+v", prof.KeyPolicy)
	}
}
