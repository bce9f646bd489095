package local_test

import (
	"context"
	"strings"
	"testing"

	"sesame/service"
)

// The desktop's local mode suspends and resumes like the server: the reason is
// required and journaled, the key is listed as Suspendue, cannot be renewed while
// suspended, is never shown as expiring, and can be revoked.
func TestSuspendResumeLocal(t *testing.T) {
	ctx := context.Background()
	p, _ := openPortal(t)
	g, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Partenaire", Expiry: service.Expiry{Days: 3}})
	if err != nil {
		t.Fatal(err)
	}
	for _, reason := range []string{"", " \t\n", strings.Repeat("x", service.MaxSuspendReason+1)} {
		if _, err := p.Suspend(ctx, service.SuspendRequest{KeyID: g.Key.ID, Reason: reason}); service.ErrorCode(err) != service.EINVALID || service.ErrorField(err) != "reason" {
			t.Fatalf("Suspend with reason of %d characters: %v", len(reason), err)
		}
	}
	k, err := p.Suspend(ctx, service.SuspendRequest{KeyID: g.Key.ID, Reason: "  Poste\tvolé  "})
	if err != nil || k.Status != service.StatusSuspended || k.Suspension.Reason != "Poste volé" || k.Suspension.By != "Delhumeau Vincent" {
		t.Fatalf("Suspend = %+v, %v", k, err)
	}
	if exp, err := p.ExpiringKeys(ctx); err != nil || len(exp) != 0 {
		t.Fatalf("ExpiringKeys with the only key suspended = %+v, %v", exp, err)
	}
	if _, err := p.Renew(ctx, service.RenewRequest{KeyID: g.Key.ID, Grace: service.GraceNone, Version: 1}); service.ErrorMessage(err) != service.MsgKeySuspendedRenew {
		t.Fatalf("Renew of a suspended key: %v", err)
	}
	page, err := p.ListKeys(ctx, service.KeyFilter{Tiers: "95963", Service: "loop-apikey", Statuses: []service.KeyStatus{service.StatusActive}})
	if err != nil || len(page.Keys) != 0 {
		t.Fatalf("ListKeys(active) with the key suspended = %+v, %v", page, err)
	}
	if _, err := p.Resume(ctx, service.SuspendRequest{KeyID: g.Key.ID, Reason: "Retrouvé"}); err != nil {
		t.Fatalf("Resume: %v", err)
	}
	if _, err := p.Suspend(ctx, service.SuspendRequest{KeyID: g.Key.ID, Reason: "Parti"}); err != nil {
		t.Fatalf("second Suspend: %v", err)
	}
	if k, err := p.Revoke(ctx, g.Key.ID); err != nil || k.Status != service.StatusRevoked {
		t.Fatalf("Revoke of a suspended key = %+v, %v", k, err)
	}
	ev, err := p.Audit(ctx, service.AuditFilter{Action: service.AuditSuspend})
	if err != nil || len(ev) != 2 || ev[0].Detail != "Parti" || ev[1].Detail != "Poste volé" {
		t.Fatalf("Audit(suspend) = %+v, %v", ev, err)
	}
	ev, err = p.Audit(ctx, service.AuditFilter{Action: service.AuditResume})
	if err != nil || len(ev) != 1 || ev[0].Detail != "Retrouvé" || ev[0].Actor != "Delhumeau Vincent" {
		t.Fatalf("Audit(resume) = %+v, %v", ev, err)
	}
}
