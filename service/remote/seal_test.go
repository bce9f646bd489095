package remote_test

import (
	"context"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/httpserver/servertest"
)

// TestSealThroughTheServer: in server mode the Portal seals the journal's head at the
// server (POST /v1/audit/seal), the seal journaled, and the server's verification
// then names the seal; the seal's MAC never leaves the server.
func TestSealThroughTheServer(t *testing.T) {
	ctx := context.Background()
	env := servertest.Start(t, nil)
	p := signedIn(t, env, realKeychain(t)).Portal()
	if _, err := p.Generate(ctx, service.GenerateRequest{Tiers: servertest.Tiers, Service: "loop-apikey", Name: "Banque"}); err != nil {
		t.Fatal(err)
	}
	se, err := p.SealAudit(ctx)
	if err != nil || se.Seq != 3 || len(se.Hash) != 64 || se.At.IsZero() || se.MAC != nil {
		t.Fatalf("SealAudit = %+v, %v", se, err)
	}
	evs, err := p.Audit(ctx, service.AuditFilter{Action: service.AuditSealHead})
	if err != nil || len(evs) != 1 || evs[0].ID != 3 || evs[0].Hash != se.Hash {
		t.Fatalf("the seal's journal event: %+v, %v", evs, err)
	}
	c, err := p.VerifyAudit(ctx)
	if err != nil || !c.OK() || c.Seals != 1 || c.SealSeq != 3 || !c.SealAt.Equal(se.At) ||
		!strings.Contains(c.Message(), "le dernier, du "+se.At.Local().Format("02/01/2006 15:04")) {
		t.Fatalf("VerifyAudit = %+v (%s), %v", c, c.Message(), err)
	}
}
