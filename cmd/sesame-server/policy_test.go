package main_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/local"
	"sesame/service/store"
	"sesame/service/store/postgres/pgtest"
)

// firm policy on both databases: the maximum lifetime bounds what the firm's
// administrators generate, is audited, and "aucune" lifts it; bad values and unknown
// firms are refused in one French line.
func TestFirmPolicyCommand(t *testing.T) {
	if r := sesame(t, "", "firm", "policy", "--help"); r.code != 0 || !strings.Contains(r.stdout, "-max-key-lifetime") {
		t.Fatalf("firm policy --help: %+v", r)
	}
	for name, dsn := range map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "sesame.db") },
		"postgres": func(t *testing.T) string { return pgtest.FreshDatabase(t) },
	} {
		t.Run(name, func(t *testing.T) {
			db := initDB(t, dsn(t))
			if r := sesame(t, "", "tiers", "add", "--db", db, "--code", "95963", "--name", "FUTUROSCOPE CEDEX"); r.code != 0 {
				t.Fatalf("tiers add: %+v", r)
			}
			if r := sesame(t, "", "firm", "policy", "--db", db, "--max-key-lifetime", "365d"); r.code != 0 || !strings.Contains(r.stdout, "365 jours") {
				t.Fatalf("firm policy: %+v", r)
			}
			oneLineError(t, sesame(t, "", "firm", "policy", "--db", db, "--max-key-lifetime", "12m"), 2, "durée de vie maximale en jours")
			oneLineError(t, sesame(t, "", "firm", "policy", "--db", db, "--firm", "404", "--max-key-lifetime", "30d"), 1, "Ce cabinet n'existe pas.")
			if r := sesame(t, "", "tiers", "add", "--db", db, "--code", "77001", "--name", "AUTRE"); r.code != 0 {
				t.Fatalf("tiers add: %+v", r)
			}
			oneLineError(t, sesame(t, "", "firm", "policy", "--db", db, "--max-key-lifetime", "30d"), 2, "--firm")

			st, err := openDB(t, db)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			ctx := context.Background()
			if err := local.SeedCatalogue(ctx, st); err != nil {
				t.Fatal(err)
			}
			if err := st.PutAdmin(ctx, store.Admin{Login: "v", Name: "DELHUMEAU Vincent", SICCode: "95963", Tiers: []string{"95963"}}); err != nil {
				t.Fatal(err)
			}
			p := local.New(st, "v")
			if prof, err := p.Profile(ctx); err != nil || prof.KeyPolicy.MaxLifetimeDays != 365 {
				t.Fatalf("profile policy = %+v, %v", prof.KeyPolicy, err)
			}
			req := service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Sans fin"}
			if _, err := p.Generate(ctx, req); service.ErrorMessage(err) != service.MsgExpiryRequired {
				t.Fatalf("Jamais under the policy: %v", err)
			}
			if r := sesame(t, "", "firm", "policy", "--db", db, "--firm", "95963", "--max-key-lifetime", "aucune"); r.code != 0 || !strings.Contains(r.stdout, "aucune durée") {
				t.Fatalf("firm policy aucune: %+v", r)
			}
			if _, err := p.Generate(ctx, req); err != nil {
				t.Fatalf("Jamais without a policy: %v", err)
			}
			evs, _ := st.Audit(ctx, service.AuditFilter{Tiers: []string{"95963"}})
			if len(evs) != 3 || evs[1].Action != service.AuditPolicy || evs[2].Action != service.AuditPolicy {
				t.Fatalf("audit = %+v; want the two policy changes before the generation", evs)
			}

			// The partner keys' own maximum: set alone, the firm's stays; a partner
			// key beyond it is refused with the rule named; a firm key is not.
			if r := sesame(t, "", "firm", "policy", "--db", db, "--firm", "95963", "--max-key-lifetime", "365d"); r.code != 0 {
				t.Fatalf("firm policy 365d: %+v", r)
			}
			r := sesame(t, "", "firm", "policy", "--db", db, "--firm", "95963", "--partner-max-key-lifetime", "90d")
			if r.code != 0 || !strings.Contains(r.stdout, "365 jours") || !strings.Contains(r.stdout, "clés partenaires : 90 jours") {
				t.Fatalf("firm policy --partner-max-key-lifetime: %+v", r)
			}
			oneLineError(t, sesame(t, "", "firm", "policy", "--db", db, "--firm", "95963", "--partner-max-key-lifetime", "trois mois"), 2, "clés partenaires en jours")
			oneLineError(t, sesame(t, "", "firm", "policy", "--db", db, "--firm", "95963"), 2, "--max-key-lifetime")
			if prof, err := p.Profile(ctx); err != nil || prof.KeyPolicy != (service.KeyPolicy{MaxLifetimeDays: 365, PartnerMaxLifetimeDays: 90}) {
				t.Fatalf("profile policy = %+v, %v", prof.KeyPolicy, err)
			}
			partner := service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "ACME", Expiry: service.Expiry{Days: 120},
				Kind: service.KindPartner, Partner: &service.Partner{Name: "ACME SAS"}}
			if _, err := p.Generate(ctx, partner); service.ErrorMessage(err) != service.MsgPartnerExpiryTooFar {
				t.Fatalf("a partner key of 120 days under 90: %v", err)
			}
			if _, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Cabinet", Expiry: service.Expiry{Days: 120}}); err != nil {
				t.Fatalf("a firm key of 120 days under 365: %v", err)
			}
			evs, _ = st.Audit(ctx, service.AuditFilter{Tiers: []string{"95963"}, Action: service.AuditPolicy})
			if len(evs) == 0 || evs[0].Detail != "max-lifetime-days=365 partner-max-lifetime-days=90" {
				t.Fatalf("the last policy event = %+v", evs)
			}

			// The address rule per kind: partner keys need an allowed address; the
			// lifetimes stay as they were.
			r = sesame(t, "", "firm", "policy", "--db", db, "--firm", "95963", "--address-required", "partner")
			if r.code != 0 || !strings.Contains(r.stdout, "restriction d'adresse est exigée pour les clés partenaires") || !strings.Contains(r.stdout, "365 jours") {
				t.Fatalf("firm policy --address-required partner: %+v", r)
			}
			oneLineError(t, sesame(t, "", "firm", "policy", "--db", db, "--firm", "95963", "--address-required", "tous"), 2, "--address-required")
			partner.Expiry = service.Expiry{Days: 30}
			if _, err := p.Generate(ctx, partner); service.ErrorMessage(err) != service.MsgPartnerAddressRequired {
				t.Fatalf("a partner key without addresses under the rule: %v", err)
			}
			partner.Restrictions = service.RestrictionsInput{Addresses: []string{"203.0.113.0/24"}}
			if _, err := p.Generate(ctx, partner); err != nil {
				t.Fatalf("a partner key with an address under the rule: %v", err)
			}
			if r := sesame(t, "", "firm", "policy", "--db", db, "--firm", "95963", "--address-required", "aucune"); r.code != 0 || strings.Contains(r.stdout, "restriction d'adresse") {
				t.Fatalf("firm policy --address-required aucune: %+v", r)
			}
		})
	}
}
