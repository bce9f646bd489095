package local_test

import (
	"context"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/local"
	"sesame/service/msg"
)

// clockPortal is openPortal on a clock the test moves.
func clockPortal(t *testing.T) (*local.Portal, *time.Time) {
	t.Helper()
	p, _ := openPortal(t)
	now := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)
	return p.WithClock(func() time.Time { return now }), &now
}

func gen(p *local.Portal, name string, e service.Expiry) (service.GeneratedKey, error) {
	return p.Generate(context.Background(), service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: name, Expiry: e})
}

// The firm's maximum lifetime: "Jamais" and longer expiries refused in French, the
// maximum itself accepted, the change audited and shown in the profile.
func TestKeyPolicyBoundsExpiry(t *testing.T) {
	ctx := context.Background()
	p, now := clockPortal(t)
	if _, err := gen(p, "Sans fin", service.Expiry{}); err != nil {
		t.Fatalf("no policy, never expires: %v", err)
	}
	prof, err := p.SetKeyPolicy(ctx, service.KeyPolicy{MaxLifetimeDays: 365})
	if err != nil || prof.KeyPolicy.MaxLifetimeDays != 365 {
		t.Fatalf("SetKeyPolicy = %+v, %v", prof.KeyPolicy, err)
	}
	if _, err := p.SetKeyPolicy(ctx, service.KeyPolicy{MaxLifetimeDays: -1}); service.ErrorCode(err) != service.EINVALID {
		t.Fatalf("negative policy: %v", err)
	}
	for _, tc := range []struct {
		e   service.Expiry
		msg msg.Code
	}{
		{service.Expiry{}, service.MsgExpiryRequired},
		{service.Expiry{Days: 366}, service.MsgExpiryTooFar},
		{service.Expiry{At: now.AddDate(1, 0, 2)}, service.MsgExpiryTooFar},
		{service.Expiry{At: now.Add(-time.Hour)}, service.MsgExpiryPast},
	} {
		if _, err := gen(p, "Refusée", tc.e); service.ErrorMessage(err) != tc.msg || service.ErrorField(err) != "expiry" {
			t.Fatalf("Generate(%+v) = %v; want %q", tc.e, err, tc.msg)
		}
	}
	g, err := gen(p, "Un an", service.Expiry{Days: 365})
	if err != nil || !g.Key.ExpiresAt.Equal(now.Add(365*24*time.Hour)) {
		t.Fatalf("Generate 365 days = %v, %v", g.Key.ExpiresAt, err)
	}
	evs, _ := p.Audit(ctx, service.AuditFilter{})
	if evs[1].Action != service.AuditPolicy || evs[1].Actor != "Delhumeau Vincent" {
		t.Fatalf("policy change not audited: %+v", evs[1])
	}
	page, _ := p.ListKeys(ctx, service.KeyFilter{Tiers: "95963", Service: "loop-apikey"})
	if len(page.Keys) != 2 {
		t.Fatalf("%d keys stored, want the two accepted ones", len(page.Keys))
	}
}

// Expiry as the table sees it: "Expirée" at the instant, the criterion, the warning
// list, and details with 30 days of uses.
func TestExpiryInTheTable(t *testing.T) {
	ctx := context.Background()
	p, now := clockPortal(t)
	soon, _ := gen(p, "Bientôt", service.Expiry{Days: 30})
	later, _ := gen(p, "Plus tard", service.Expiry{Days: 90})
	if _, err := gen(p, "Jamais", service.Expiry{}); err != nil {
		t.Fatal(err)
	}
	exp, err := p.ExpiringKeys(ctx)
	if err != nil || len(exp) != 0 {
		t.Fatalf("expiring now = %v, %v; want none (30 days is not within 30 days)", exp, err)
	}
	*now = now.Add(time.Hour)
	if exp, _ = p.ExpiringKeys(ctx); len(exp) != 1 || exp[0].ID != soon.Key.ID {
		t.Fatalf("expiring an hour later = %v; want Bientôt", exp)
	}
	f := service.KeyFilter{Tiers: "95963", Service: "loop-apikey", Statuses: []service.KeyStatus{service.StatusActive},
		ExpiresBefore: now.Add(service.ExpiryWarning)}
	if page, _ := p.ListKeys(ctx, f); len(page.Keys) != 1 || page.Keys[0].ID != soon.Key.ID {
		t.Fatalf("criterion of the banner = %v; want exactly Bientôt", page.Keys)
	}
	*now = soon.Key.ExpiresAt
	page, _ := p.ListKeys(ctx, service.KeyFilter{Tiers: "95963", Service: "loop-apikey", Statuses: []service.KeyStatus{service.StatusExpired}})
	if len(page.Keys) != 1 || page.Keys[0].Status != service.StatusExpired {
		t.Fatalf("expired keys = %+v", page.Keys)
	}
	if _, err := p.Renew(ctx, service.RenewRequest{KeyID: soon.Key.ID, Grace: service.GraceDay}); service.ErrorMessage(err) != service.MsgKeyExpired {
		t.Fatalf("renewing an expired key: %v", err)
	}
	d, err := p.KeyDetails(ctx, later.Key.ID)
	if err != nil || d.Key.ID != later.Key.ID || len(d.Uses) != service.UsageDays || d.Key.CreatedBy != "Delhumeau Vincent" {
		t.Fatalf("KeyDetails = %+v, %v", d, err)
	}
	if _, err := p.KeyDetails(ctx, "ZZZZ-ZZZZ-ZZZZ-ZZZZ"); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("details of an unknown key: %v", err)
	}
}

// Renewal rules at the Portal: an unknown grace, a version already renewed (the
// other administrator's view), and the one-time secret for the same identifier.
func TestRenewRules(t *testing.T) {
	ctx := context.Background()
	p, _ := clockPortal(t)
	g, _ := gen(p, "Synchro", service.Expiry{})
	if _, err := p.Renew(ctx, service.RenewRequest{KeyID: g.Key.ID, Grace: "2h"}); service.ErrorMessage(err) != service.MsgGraceInvalid {
		t.Fatalf("unknown grace: %v", err)
	}
	n, err := p.Renew(ctx, service.RenewRequest{KeyID: g.Key.ID, Grace: service.GraceFirstUse, Version: 1})
	if err != nil || n.Credentials.Identifier != g.Key.ID || n.Key.Version != 2 || n.Key.OldSecret == nil || !n.Key.OldSecret.Until.IsZero() {
		t.Fatalf("Renew = %+v, %v", n.Key, err)
	}
	if n.Key.SecretHint == g.Key.SecretHint && n.Credentials.Secret == g.Credentials.Secret {
		t.Fatal("same secret after renewal")
	}
	// The second administrator still sees version 1: refused, no third secret.
	_, err = p.Renew(ctx, service.RenewRequest{KeyID: g.Key.ID, Grace: service.GraceDay, Version: 1})
	if service.ErrorCode(err) != service.ECONFLICT || service.ErrorMessage(err) != service.MsgKeyRenewedMeantime {
		t.Fatalf("stale renewal: %v", err)
	}
	rec, _ := p.Store().KeyByID(ctx, g.Key.ID)
	if rec.Version != 2 || string(rec.Digest) != string(service.SecretDigest(n.Credentials.Secret)) ||
		string(rec.OldDigest) != string(service.SecretDigest(g.Credentials.Secret)) {
		t.Fatalf("after a refused renewal: version %d; the digests must be the renewal's and the original's", rec.Version)
	}
	evs, _ := p.Audit(ctx, service.AuditFilter{})
	if len(evs) != 2 || evs[0].Action != service.AuditRenew {
		t.Fatalf("audit = %+v", evs)
	}
}
