package local_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"path/filepath"
	"testing"

	"sesame/service"
	"sesame/service/local"
	"sesame/service/msg"
	"sesame/service/store/sqlite"
)

// TestJournalLocalMode: the desktop's journal lists its events without an address,
// exports them as CSV ending with the head, and its verification names an event
// altered in the file; an export to a failing destination is an error, not a file.
func TestJournalLocalMode(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sesame.db"))
	if err != nil {
		t.Fatal(err)
	}
	p := local.New(st, "local")
	t.Cleanup(func() { _ = p.Close() })
	if err := local.SeedCatalogue(ctx, st); err != nil {
		t.Fatal(err)
	}
	if _, err := p.SetUpFirm(ctx, service.FirmSetup{SICCode: "95963", FirmName: "FUTUROSCOPE CEDEX", AdminName: "Delhumeau Vincent"}); err != nil {
		t.Fatal(err)
	}
	g, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Banque"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.WithAddr("192.0.2.44").Revoke(ctx, g.Key.ID); err != nil {
		t.Fatal(err)
	}
	evs, err := p.Audit(ctx, service.AuditFilter{})
	if err != nil || len(evs) != 2 || evs[1].Addr != "" || evs[0].Addr != "192.0.2.44" || evs[0].Actor != "Delhumeau Vincent" {
		t.Fatalf("Audit = %+v, %v", evs, err)
	}
	if _, err := p.Audit(ctx, service.AuditFilter{From: evs[0].At, To: evs[1].At}); service.ErrorField(err) != "to" {
		t.Fatalf("a period ending before it starts: %v", err)
	}

	var buf bytes.Buffer
	var last [2]int64
	if err := p.ExportAudit(ctx, service.AuditFilter{}, &buf, func(d, n int64) { last = [2]int64{d, n} }); err != nil {
		t.Fatalf("ExportAudit: %v", err)
	}
	rd := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF"))))
	rd.Comma, rd.FieldsPerRecord = ';', -1
	lines, err := rd.ReadAll()
	if err != nil || len(lines) != 4 || lines[1][5] != "Banque" || lines[2][4] != "Révocation" || lines[3][0] != service.AuditCSVHeadLabel(msg.French) {
		t.Fatalf("export %q, %v", lines, err)
	}
	if last != [2]int64{2, 2} {
		t.Fatalf("last progress %v, want 2 of 2", last)
	}
	if err := p.ExportAudit(ctx, service.AuditFilter{}, failingWriter{}, nil); service.ErrorMessage(err) != service.MsgAuditWrite {
		t.Fatalf("export to a failing destination: %v", err)
	}

	if c, err := p.VerifyAudit(ctx); err != nil || !c.OK() || c.Events != 2 {
		t.Fatalf("VerifyAudit = %+v, %v", c, err)
	}
	db := st.DB()
	if _, err := db.Exec(`UPDATE audit_events SET actor = 'Un autre' WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	c, err := p.VerifyAudit(ctx)
	if err != nil || c.Problem != service.AuditAltered || c.Event != 1 || c.Message() != "L'événement n° 1 a été modifié : son empreinte ne correspond plus à son contenu ou à l'événement qui le précède." {
		t.Fatalf("VerifyAudit after altering event 1 = %+v (%q), %v", c, c.Message(), err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disque plein") }
