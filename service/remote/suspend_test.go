package remote_test

import (
	"context"
	"net/http"
	"testing"

	"sesame/service"
	"sesame/service/httpserver/servertest"
)

// Suspend and resume through the server, as the desktop in server mode will: the
// key comes back suspended with who and why, is refused by the server, shows under
// the Suspendue criterion, and works again once resumed; the server's refusals come
// back as the domain's errors.
func TestSuspendResumeThroughServer(t *testing.T) {
	ctx := context.Background()
	env := servertest.Start(t, nil)
	p := signedIn(t, env, realKeychain(t)).Portal()
	g, err := p.Generate(ctx, service.GenerateRequest{Tiers: servertest.Tiers, Service: "loop-apikey", Name: "Partenaire"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Suspend(ctx, service.SuspendRequest{KeyID: g.Key.ID}); service.ErrorMessage(err) != service.MsgSuspendReasonBlank || service.ErrorField(err) != "reason" {
		t.Fatalf("Suspend without a reason: %v", err)
	}
	k, err := p.Suspend(ctx, service.SuspendRequest{KeyID: g.Key.ID, Reason: "Fuite"})
	if err != nil || k.Status != service.StatusSuspended || k.Suspension == nil || k.Suspension.Reason != "Fuite" ||
		k.Suspension.By != servertest.AdminName || k.Suspension.At.IsZero() {
		t.Fatalf("Suspend = %+v, %v", k, err)
	}
	if st := verifyStatus(t, env, g.Credentials.Identifier, g.Credentials.Secret); st != http.StatusUnauthorized {
		t.Fatalf("verify of a suspended key: %d", st)
	}
	page, err := p.ListKeys(ctx, service.KeyFilter{Tiers: servertest.Tiers, Service: "loop-apikey", Statuses: []service.KeyStatus{service.StatusSuspended}})
	if err != nil || len(page.Keys) != 1 || page.Keys[0].ID != g.Key.ID || page.Keys[0].Suspension == nil {
		t.Fatalf("ListKeys(suspended) = %+v, %v", page, err)
	}
	if _, err := p.Suspend(ctx, service.SuspendRequest{KeyID: g.Key.ID, Reason: "Encore"}); service.ErrorCode(err) != service.ECONFLICT || service.ErrorMessage(err) != service.MsgKeySuspended {
		t.Fatalf("second Suspend: %v", err)
	}
	k, err = p.Resume(ctx, service.SuspendRequest{KeyID: g.Key.ID, Reason: "Rien n'a fui"})
	if err != nil || k.Status != service.StatusActive || k.Suspension != nil {
		t.Fatalf("Resume = %+v, %v", k, err)
	}
	if st := verifyStatus(t, env, g.Credentials.Identifier, g.Credentials.Secret); st != http.StatusOK {
		t.Fatalf("verify of a resumed key: %d", st)
	}
	if _, err := p.Resume(ctx, service.SuspendRequest{KeyID: g.Key.ID, Reason: "Deux fois"}); service.ErrorMessage(err) != service.MsgKeyNotSuspended {
		t.Fatalf("Resume of an active key: %v", err)
	}
}
