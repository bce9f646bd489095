package local_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"sesame/service"
)

func TestProfileBeforeAndAfterSetUp(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sesame.db")
	p, err := openRaw(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Profile(ctx); service.ErrorCode(err) != service.ENOPROFILE {
		t.Fatalf("Profile on a new file: %v, want ENOPROFILE", err)
	}
	if _, err := p.SetUpFirm(ctx, service.FirmSetup{SICCode: "", FirmName: "X", AdminName: "Y"}); service.ErrorCode(err) != service.EINVALID {
		t.Fatalf("blank SIC code accepted: %v", err)
	}
	if _, err := p.Profile(ctx); service.ErrorCode(err) != service.ENOPROFILE {
		t.Fatal("a refused set-up left a profile behind")
	}
	prof, err := p.SetUpFirm(ctx, service.FirmSetup{SICCode: " 95963 ", FirmName: "FUTUROSCOPE CEDEX", AdminName: "Delhumeau Vincent"})
	if err != nil || prof.SICCode != "95963" || len(prof.Tiers) != 1 || prof.Tiers[0].Label() != "95963 FUTUROSCOPE CEDEX" {
		t.Fatalf("SetUpFirm = %+v, %v", prof, err)
	}
	_ = p.Close()

	// The next start finds the profile and the default catalogue.
	p, err = openRaw(path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	prof, err = p.Profile(ctx)
	if err != nil || prof.AdminName != "Delhumeau Vincent" {
		t.Fatalf("Profile after restart = %+v, %v", prof, err)
	}
	cat, err := p.Catalogue(ctx)
	if err != nil || len(cat.Entries) < 8 {
		t.Fatalf("catalogue has %d entries (%v), want at least 8", len(cat.Entries), err)
	}
	if _, ok := cat.Entry("loop-apikey"); !ok {
		t.Fatal("the catalogue lacks Loop APIkey")
	}
}

func TestAttachedTiersAndAuthorisation(t *testing.T) {
	ctx := context.Background()
	p, _ := openPortal(t)
	prof, err := p.AttachTiers(ctx, service.Tiers{Code: "12345", Name: "POITIERS NORD", AttachedTo: "95963"})
	if err != nil || len(prof.Tiers) != 2 || prof.Tiers[1].AttachedTo != "95963" {
		t.Fatalf("AttachTiers = %+v, %v", prof, err)
	}
	if _, err := p.AttachTiers(ctx, service.Tiers{Code: "12345", Name: "AUTRE", AttachedTo: "95963"}); service.ErrorCode(err) != service.ECONFLICT || service.ErrorField(err) != "code" {
		t.Fatalf("duplicate tiers code: %v", err)
	}
	if _, err := p.AttachTiers(ctx, service.Tiers{Code: "999", Name: "X", AttachedTo: "00000"}); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("attached to an unknown tiers: %v", err)
	}
	// Keys of an attached tiers are the administrator's too.
	if _, err := p.Generate(ctx, service.GenerateRequest{Tiers: "12345", Service: "loop-apikey", Name: "Felix"}); err != nil {
		t.Fatalf("generate for an attached tiers: %v", err)
	}
	for name, req := range map[string]service.GenerateRequest{
		"unknown tiers":        {Tiers: "00000", Service: "loop-apikey", Name: "x"},
		"unknown service":      {Tiers: "95963", Service: "nope", Name: "x"},
		"service without keys": {Tiers: "95963", Service: "portail-client", Name: "x"},
	} {
		if _, err := p.Generate(ctx, req); err == nil {
			t.Errorf("%s: generation accepted", name)
		}
		if _, err := p.ListKeys(ctx, service.KeyFilter{Tiers: req.Tiers, Service: req.Service}); err == nil {
			t.Errorf("%s: listing accepted", name)
		}
	}
}

func TestNothingStoredOnError(t *testing.T) {
	ctx := context.Background()
	p, _ := openPortal(t)
	for _, name := range []string{"", "   ", "a\nb", string(bytes.Repeat([]byte("x"), 101))} {
		if _, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: name}); service.ErrorField(err) != "name" {
			t.Errorf("name %q: err = %v, want a field error", name, err)
		}
	}
	page, _ := p.ListKeys(ctx, service.KeyFilter{Tiers: "95963", Service: "loop-apikey"})
	events, _ := p.Audit(ctx, service.AuditFilter{})
	if len(page.Keys) != 0 || len(events) != 0 {
		t.Fatalf("refused generations left %d keys and %d audit events", len(page.Keys), len(events))
	}
}

func TestSecretNeverReachesTheFile(t *testing.T) {
	ctx := context.Background()
	p, path := openPortal(t)
	var secrets [][]byte
	for _, name := range []string{"Felix", `'); DROP TABLE api_keys;-- <b>x</b>`} {
		g, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: name})
		if err != nil {
			t.Fatal(err)
		}
		secrets = append(secrets, []byte(g.Credentials.Secret), []byte(g.Credentials.Secret[len(service.SecretPrefix):]))
	}
	page, _ := p.ListKeys(ctx, service.KeyFilter{Tiers: "95963", Service: "loop-apikey", Sort: service.SortName})
	if len(page.Keys) != 2 || page.Keys[0].Name != `'); DROP TABLE api_keys;-- <b>x</b>` {
		t.Fatal("the name with SQL and markup was not stored verbatim")
	}
	for _, f := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if bytes.Contains(b, s) {
				t.Fatalf("a secret was found in %s", filepath.Base(f))
			}
		}
	}
}
