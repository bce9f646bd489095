package local_test

import (
	"context"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/msg"
)

// Restrictions in local mode: set at generation (journaled with the key), refused
// under the firm's address rule with a sentence naming it, changed from the version
// seen (a stale version is told, nothing changes), each change journaled before and
// after and put in words.
func TestRestrictions(t *testing.T) {
	ctx := context.Background()
	p, _ := clockPortal(t)
	req := service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Partenaire restreint",
		Kind: service.KindPartner, Partner: &service.Partner{Name: "ACME SAS"}}
	if _, err := p.SetKeyPolicy(ctx, service.KeyPolicy{PartnerAddressRequired: true}); err != nil {
		t.Fatal(err)
	}
	_, err := p.Generate(ctx, req)
	if service.ErrorMessage(err) != service.MsgPartnerAddressRequired || service.ErrorField(err) != "restrictions.addresses" ||
		!strings.Contains(service.ErrorText(err, msg.French), "clés partenaires") {
		t.Fatalf("a partner key without addresses under the rule: %v", err)
	}
	req.Restrictions = service.RestrictionsInput{Addresses: []string{"192.168.1.300"}}
	if _, err := p.Generate(ctx, req); !strings.Contains(service.ErrorText(err, msg.French), "« 192.168.1.300 »") {
		t.Fatalf("a bad address: %q", service.ErrorText(err, msg.French))
	}
	req.Restrictions = service.RestrictionsInput{Addresses: []string{"203.0.113.0/25", "203.0.113.128/25"}, RatePerMinute: 60}
	g, err := p.Generate(ctx, req)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	if got := strings.Join(g.Key.Restrictions.AddressStrings(), " "); got != "203.0.113.0/24" || g.Key.Restrictions.Burst != 60 || g.Key.RestrictionsVersion != 1 {
		t.Fatalf("generated key's restrictions: %s v%d", g.Key.Restrictions, g.Key.RestrictionsVersion)
	}
	if _, err := gen(p, "Cabinet libre", service.Expiry{}); err != nil {
		t.Fatalf("a firm key without addresses under the partner rule alone: %v", err)
	}

	change := service.RestrictRequest{KeyID: g.Key.ID, FromVersion: 1,
		Restrictions: service.RestrictionsInput{Addresses: []string{"198.51.100.7"}, ReadOnly: true}}
	k, err := p.Restrict(ctx, change)
	if err != nil || !k.Restrictions.ReadOnly || k.RestrictionsVersion != 2 {
		t.Fatalf("Restrict = %s v%d, %v", k.Restrictions, k.RestrictionsVersion, err)
	}
	// Another administrator's window still holds version 1.
	stale := change
	stale.Restrictions = service.RestrictionsInput{Addresses: []string{"192.0.2.1"}}
	if _, err := p.Restrict(ctx, stale); service.ErrorMessage(err) != service.MsgRestrictChangedMeantime {
		t.Fatalf("a change from a stale version: %v", err)
	}
	lift := service.RestrictRequest{KeyID: g.Key.ID, FromVersion: 2}
	if _, err := p.Restrict(ctx, lift); service.ErrorMessage(err) != service.MsgPartnerAddressRequired {
		t.Fatalf("lifting the addresses of a partner key under the rule: %v", err)
	}
	d, err := p.KeyDetails(ctx, g.Key.ID)
	if err != nil || d.Key.Restrictions.AddressStrings()[0] != "198.51.100.7" || d.Refusals != (service.Refusals{}) {
		t.Fatalf("KeyDetails = %+v, %v", d, err)
	}

	evs, _ := p.Audit(ctx, service.AuditFilter{Action: service.AuditRestrict})
	if len(evs) != 1 {
		t.Fatalf("restriction events: %+v", evs)
	}
	fr := service.AuditDetailText(evs[0], msg.French, nil)
	if want := "Avant : adresses 203.0.113.0/24 ; 60 requêtes par minute (rafale 60) ; Après : adresses 198.51.100.7 ; lecture seule"; fr != want {
		t.Fatalf("the change in words: %q, want %q", fr, want)
	}
	gens, _ := p.Audit(ctx, service.AuditFilter{Action: service.AuditGenerate, KeyName: "Partenaire restreint"})
	if len(gens) != 1 || !strings.Contains(service.AuditDetailText(gens[0], msg.English, nil), "Restrictions: addresses 203.0.113.0/24") {
		t.Fatalf("the generation's journal: %+v", gens)
	}
}
