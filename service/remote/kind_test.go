package remote_test

import (
	"context"
	"testing"

	"sesame/service"
	"sesame/service/httpserver/servertest"
)

// A partner key through the server, as the desktop in server mode will make it: the
// kind and partner go to the server and come back, the list's criteria select it,
// and a wrong SIRET comes back as the field's error.
func TestPartnerKeyThroughServer(t *testing.T) {
	ctx := context.Background()
	env := servertest.Start(t, nil)
	p := signedIn(t, env, realKeychain(t)).Portal()
	req := service.GenerateRequest{Tiers: servertest.Tiers, Service: "loop-apikey", Name: "Pour ACME", Kind: service.KindPartner,
		Partner: &service.Partner{Name: "ACME", SIRET: "73282932000075", ContactName: "Jeanne Durand"}}
	if _, err := p.Generate(ctx, req); service.ErrorField(err) != "partner.siret" || service.ErrorMessage(err) != service.MsgPartnerSIRETInvalid {
		t.Fatalf("Generate with a wrong SIRET: %v", err)
	}
	req.Partner.SIRET = "73282932000074"
	g, err := p.Generate(ctx, req)
	if err != nil || g.Key.Kind != service.KindPartner || g.Key.Partner == nil || *g.Key.Partner != *req.Partner {
		t.Fatalf("Generate = %+v, %v", g.Key, err)
	}
	if _, err := p.Generate(ctx, service.GenerateRequest{Tiers: servertest.Tiers, Service: "loop-apikey", Name: "Interne"}); err != nil {
		t.Fatal(err)
	}
	page, err := p.ListKeys(ctx, service.KeyFilter{Tiers: servertest.Tiers, Service: "loop-apikey", Kind: service.KindPartner, PartnerContains: "acme"})
	if err != nil || len(page.Keys) != 1 || page.Keys[0].ID != g.Key.ID || page.Keys[0].Partner == nil || page.Keys[0].Partner.SIRET != "73282932000074" {
		t.Fatalf("ListKeys(partner, acme) = %+v, %v", page, err)
	}
	page, err = p.ListKeys(ctx, service.KeyFilter{Tiers: servertest.Tiers, Service: "loop-apikey", Kind: service.KindFirm})
	if err != nil || len(page.Keys) != 1 || page.Keys[0].Kind != service.KindFirm {
		t.Fatalf("ListKeys(firm) = %+v, %v", page, err)
	}
}
