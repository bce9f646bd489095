package remote_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"testing"

	"sesame/service"
	"sesame/service/httpserver/servertest"
	"sesame/service/msg"
)

// TestJournalThroughTheServer: in server mode the Portal lists the journal with its
// criteria, streams the CSV export with its progress, both the export and the
// server's verification end at the firm's newest event, not at another firm's
// after it, and the verification names an event altered in its database.
func TestJournalThroughTheServer(t *testing.T) {
	ctx := context.Background()
	env := servertest.Start(t, nil)
	p := signedIn(t, env, realKeychain(t)).Portal()
	for _, n := range []string{"Banque", "Élève", "Paie"} {
		if _, err := p.Generate(ctx, service.GenerateRequest{Tiers: servertest.Tiers, Service: "loop-apikey", Name: n}); err != nil {
			t.Fatal(err)
		}
	}
	newest, err := p.Audit(ctx, service.AuditFilter{Limit: 1})
	if err != nil || len(newest) != 1 || newest[0].ID != 4 {
		t.Fatalf("the firm's newest event = %+v, %v", newest, err)
	}
	// Another firm's event, after the firm's last: the chain's head is 5.
	other := service.AuditEvent{At: newest[0].At, Actor: "MARTIN Marie", Login: "mmartin", Action: service.AuditSignIn, Tiers: "12345"}
	if err := env.Store.AppendAudit(ctx, other); err != nil {
		t.Fatal(err)
	}
	evs, err := p.Audit(ctx, service.AuditFilter{KeyName: "eleve", Action: service.AuditGenerate, Login: servertest.Login})
	if err != nil || len(evs) != 1 || evs[0].KeyName != "Élève" || evs[0].Addr != "127.0.0.1" || len(evs[0].Hash) != 64 {
		t.Fatalf("Audit by criteria = %+v, %v", evs, err)
	}
	var buf bytes.Buffer
	var first, last [2]int64
	calls := 0
	err = p.ExportAudit(ctx, service.AuditFilter{}, &buf, func(d, n int64) {
		if calls++; calls == 1 {
			first = [2]int64{d, n}
		}
		last = [2]int64{d, n}
	})
	if err != nil || first != [2]int64{0, 4} || last != [2]int64{4, 4} {
		t.Fatalf("ExportAudit: %v, progress first %v last %v", err, first, last)
	}
	rd := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF"))))
	rd.Comma, rd.FieldsPerRecord = ';', -1
	lines, err := rd.ReadAll()
	if err != nil || len(lines) != 6 || lines[1][4] != "Connexion" || lines[5][0] != service.AuditCSVHeadLabel(msg.French) {
		t.Fatalf("export %q, %v", lines, err)
	}
	if head := lines[5]; head[1] != "4" || head[2] != newest[0].Hash {
		t.Errorf("the export's head line %q; want the firm's newest event, 4 %s", head, newest[0].Hash)
	}
	if c, err := p.VerifyAudit(ctx); err != nil || !c.OK() || c.Events != 4 || c.Head != (service.AuditHead{Seq: 4, Hash: newest[0].Hash}) {
		t.Fatalf("VerifyAudit = %+v, %v; want the firm's 4 events, its head 4 %s", c, err, newest[0].Hash)
	}
	if _, err := env.Store.DB().Exec(`UPDATE audit_events SET tiers_code = '00000' WHERE id = 3`); err != nil {
		t.Fatal(err)
	}
	if c, err := p.VerifyAudit(ctx); err != nil || c.Problem != service.AuditAltered || c.Event != 3 {
		t.Fatalf("VerifyAudit after tampering = %+v, %v", c, err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := p.ExportAudit(cctx, service.AuditFilter{}, &buf, nil); !errors.Is(err, context.Canceled) && service.ErrorCode(err) != service.EUNAVAILABLE {
		t.Fatalf("cancelled export: %v", err)
	}
}
