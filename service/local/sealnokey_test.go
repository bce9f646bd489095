package local_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// TestVerifyWithoutKeyNamesAnotherFirmsSeal: with no sealing key to check them, a
// firm whose events only another firm's seal covers is told that the seals could
// not be checked, with the date of the one covering its events, written out (not
// « {{.SealDate}} »), and up to its own event, not the seal's.
func TestVerifyWithoutKeyNamesAnotherFirmsSeal(t *testing.T) {
	ctx := context.Background()
	p, _ := openPortal(t) // no sealing key
	if _, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Banque"}); err != nil {
		t.Fatal(err) // event 1
	}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	ev := service.AuditEvent{At: at, Actor: "MARTIN Marie", Login: "mmartin", Action: service.AuditSealHead, Tiers: "12345"}
	if _, _, err := p.Store().SealAudit(ctx, store.SealRequest{Firm: "12345", At: at, Event: &ev,
		Sign: func(service.AuditSeal) []byte { return make([]byte, 32) }}); err != nil {
		t.Fatal(err) // event 2, the other firm's, sealed
	}
	c, err := p.VerifyAudit(ctx)
	date := "(le dernier du " + at.Local().Format("02/01/2006 15:04") + ")"
	if err != nil || c.Problem != service.AuditSealNoKey || c.Seals != 1 || c.SealSeq != 1 ||
		!strings.Contains(c.Message(), date) || strings.Contains(c.Message(), "{{") {
		t.Fatalf("VerifyAudit without the key, another firm's seal covering event 1 = %+v (%s), %v; want the seal problem, dated %s, of event 1",
			c, c.Message(), err, date)
	}
}
