package remote_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/httpserver/servertest"
)

// verifyStatus posts a key to the server's verify endpoint.
func verifyStatus(t *testing.T, env *servertest.Env, id, secret string) int {
	t.Helper()
	req, _ := http.NewRequest("POST", env.URL+"/v1/verify", nil)
	req.Header.Set("x-apikey", id+":"+secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// A key's life through the server, as the desktop in server mode lives it: expiry at
// generation (bad ones refused with their field), renewal with a grace, both secrets
// working, end of the grace, details with uses, the expiring list, the criteria; two
// renewals at once: one wins, the other is told, no third secret.
func TestKeyLifeThroughServer(t *testing.T) {
	ctx := context.Background()
	env := servertest.Start(t, func(c *httpserver.Config) { c.TouchInterval = 20 * time.Millisecond })
	p := signedIn(t, env, realKeychain(t)).Portal()
	req := service.GenerateRequest{Tiers: servertest.Tiers, Service: "loop-apikey", Name: "Banque", Expiry: service.Expiry{Days: 20}}
	g, err := p.Generate(ctx, req)
	if err != nil || g.Key.ExpiresAt.Before(time.Now().Add(19*24*time.Hour)) || g.Key.Version != 1 {
		t.Fatalf("Generate in 20 days = %+v, %v", g.Key, err)
	}
	bad := req
	bad.Name, bad.Expiry = "Passée", service.Expiry{At: time.Now().Add(-time.Hour)}
	if _, err := p.Generate(ctx, bad); service.ErrorMessage(err) != service.MsgExpiryPast || service.ErrorField(err) != "expiry" {
		t.Fatalf("past expiry through the server: %v", err)
	}

	n, err := p.Renew(ctx, service.RenewRequest{KeyID: g.Key.ID, Grace: service.GraceFirstUse, Version: 1})
	if err != nil || n.Credentials.Identifier != g.Key.ID || n.Key.OldSecret == nil || !n.Key.OldSecret.Until.IsZero() {
		t.Fatalf("Renew = %+v, %v", n.Key, err)
	}
	if s := verifyStatus(t, env, g.Key.ID, g.Credentials.Secret); s != http.StatusOK {
		t.Fatalf("old secret while waiting: %d", s)
	}
	if s := verifyStatus(t, env, g.Key.ID, n.Credentials.Secret); s != http.StatusOK {
		t.Fatalf("new secret: %d", s)
	}
	var d service.KeyDetails
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		// The server writes uses in the background, every TouchInterval.
		if d, err = p.KeyDetails(ctx, g.Key.ID); err != nil || d.Uses[len(d.Uses)-1].Uses == 2 {
			break
		}
	}
	if err != nil || d.Key.OldSecret == nil || d.Key.OldSecret.Until.IsZero() || d.Key.OldSecret.LastUsedFrom != "127.0.0.1" ||
		d.Key.LastUsedFrom != "127.0.0.1" || d.Uses[len(d.Uses)-1].Uses != 2 {
		t.Fatalf("details after both secrets were used = %+v, %v", d, err)
	}
	if k, err := p.EndGrace(ctx, g.Key.ID); err != nil || k.OldSecret != nil {
		t.Fatalf("EndGrace = %+v, %v", k, err)
	}
	if s := verifyStatus(t, env, g.Key.ID, g.Credentials.Secret); s != http.StatusUnauthorized {
		t.Fatalf("old secret after EndGrace: %d", s)
	}
	exp, err := p.ExpiringKeys(ctx)
	if err != nil || len(exp) != 1 || exp[0].ID != g.Key.ID {
		t.Fatalf("ExpiringKeys = %+v, %v", exp, err)
	}
	f := service.KeyFilter{Tiers: servertest.Tiers, Service: "loop-apikey", Statuses: []service.KeyStatus{service.StatusActive},
		ExpiresBefore: time.Now().Add(service.ExpiryWarning), Sort: service.SortLastUsed, Descending: true}
	if page, err := p.ListKeys(ctx, f); err != nil || len(page.Keys) != 1 || page.Keys[0].LastUsedAt.IsZero() {
		t.Fatalf("ListKeys with the new criteria = %+v, %v", page, err)
	}
	f = service.KeyFilter{Tiers: servertest.Tiers, Service: "loop-apikey", UnusedDays: 1}
	if page, err := p.ListKeys(ctx, f); err != nil || len(page.Keys) != 0 {
		t.Fatalf("unused for a day = %+v, %v; want none", page, err)
	}
	forever, err := p.Generate(ctx, service.GenerateRequest{Tiers: servertest.Tiers, Service: "loop-apikey", Name: "Sans fin"})
	if err != nil {
		t.Fatalf("Generate without expiry: %v", err)
	}
	f = service.KeyFilter{Tiers: servertest.Tiers, Service: "loop-apikey", NoExpiry: true}
	if page, err := p.ListKeys(ctx, f); err != nil || len(page.Keys) != 1 || page.Keys[0].ID != forever.Key.ID {
		t.Fatalf("keys without expiry = %+v, %v; want « Sans fin » alone", page, err)
	}
	f.CountOnly = true
	if page, err := p.ListKeys(ctx, f); err != nil || page.Count == nil || *page.Count != (service.KeyCount{N: 1}) {
		t.Fatalf("count of the keys without expiry = %+v, %v; want 1", page, err)
	}

	k, _ := p.KeyDetails(ctx, g.Key.ID)
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			_, err := p.Renew(ctx, service.RenewRequest{KeyID: g.Key.ID, Grace: service.GraceDay, Version: k.Key.Version})
			errs <- err
		}()
	}
	e1, e2 := <-errs, <-errs
	if (e1 == nil) == (e2 == nil) {
		t.Fatalf("two renewals at once: %v and %v; want one winner", e1, e2)
	}
	lost := e1
	if lost == nil {
		lost = e2
	}
	if service.ErrorCode(lost) != service.ECONFLICT || service.ErrorMessage(lost) != service.MsgKeyRenewedMeantime {
		t.Fatalf("the losing renewal: %v", lost)
	}
	if d, _ := p.KeyDetails(ctx, g.Key.ID); d.Key.Version != k.Key.Version+1 {
		t.Fatalf("version after two concurrent renewals = %d, want %d", d.Key.Version, k.Key.Version+1)
	}
}
