package local_test

import (
	"context"
	"path/filepath"
	"testing"

	"sesame/service"
	"sesame/service/local"
)

// openRaw opens a local Portal on a real SQLite file, as the app does at start.
func openRaw(path string) (*local.Portal, error) { return local.Open(context.Background(), path) }

// openPortal opens a local Portal on a real SQLite file with the firm set up.
func openPortal(t testing.TB) (*local.Portal, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sesame.db")
	p, err := local.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = p.Close() })
	if _, err := p.SetUpFirm(context.Background(), service.FirmSetup{SICCode: "95963", FirmName: "FUTUROSCOPE CEDEX", AdminName: "Delhumeau Vincent"}); err != nil {
		t.Fatalf("SetUpFirm: %v", err)
	}
	return p, path
}

func TestGenerateListRevoke(t *testing.T) {
	ctx := context.Background()
	p, _ := openPortal(t)
	g, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "  Felix "})
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	if g.Key.Name != "Felix" || g.Key.CreatedBy != "Delhumeau Vincent" || g.Key.Status != service.StatusActive {
		t.Fatalf("generated key = %+v", g.Key)
	}
	if service.CheckSecret(g.Credentials.Secret) != nil {
		t.Fatal("generated secret fails its own checksum")
	}
	page, err := p.ListKeys(ctx, service.KeyFilter{Tiers: "95963", Service: "loop-apikey"})
	if err != nil || len(page.Keys) != 1 || page.Keys[0].ID != g.Key.ID {
		t.Fatalf("ListKeys = %+v, %v", page, err)
	}
	for _, name := range []string{"Felix", "felix", "Ｆｅｌｉｘ", "F\u0435lix"} {
		if _, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: name}); service.ErrorCode(err) != service.ECONFLICT || service.ErrorField(err) != "name" {
			t.Fatalf("active name %q beside Felix: err = %v", name, err)
		}
	}
	if _, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Fe\u200dlix"}); service.ErrorMessage(err) != service.MsgKeyNameInvisible {
		t.Fatalf("name with U+200D: err = %v, want %q", err, service.MsgKeyNameInvisible)
	}
	k, err := p.Revoke(ctx, g.Key.ID)
	if err != nil || k.Status != service.StatusRevoked || k.RevokedBy != "Delhumeau Vincent" || k.RevokedAt.IsZero() {
		t.Fatalf("Revoke = %+v, %v", k, err)
	}
	if _, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Felix"}); err != nil {
		t.Fatalf("a revoked key's name must be free again: %v", err)
	}
	ev, err := p.Audit(ctx, service.AuditFilter{})
	if err != nil || len(ev) != 3 || ev[0].Action != service.AuditGenerate || ev[1].Action != service.AuditRevoke {
		t.Fatalf("Audit = %+v, %v", ev, err)
	}
}
