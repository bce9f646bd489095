package httpserver_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/local"
)

// Set puts the fake clock at t, forwards or back.
func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// newClockEnv starts a server on a fake clock and returns it with the Portal of
// administrator A on the same store and clock.
func newClockEnv(t *testing.T) (*env, *fakeClock, *local.Portal) {
	t.Helper()
	clock := &fakeClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	e := newEnv(t, clockConfig(clock))
	return e, clock, local.New(e.st, loginA).WithClock(clock.Now)
}

// clockConfig sets the server on clock, with failure limits no test here reaches.
func clockConfig(clock *fakeClock) func(*httpserver.Config) {
	return func(c *httpserver.Config) {
		c.Now = clock.Now
		c.IdentifierLimit = httpserver.Limit{Burst: 1000, Every: time.Second}
		c.AddressLimit = httpserver.Limit{Burst: 1000, Every: time.Second}
	}
}

// accepted reports whether the key's secret passes verify, client_credentials and
// introspection (as the caller); all three must agree.
func (e *env) accepted(id, secret string) bool {
	e.t.Helper()
	v, _ := e.verify(id, secret)
	_, err := e.keyClient(id, secret, oauth2.AuthStyleInHeader).Token(context.Background())
	var re *oauth2.RetrieveError
	if err != nil && (!errors.As(err, &re) || re.ErrorCode != "invalid_client") {
		e.t.Fatalf("client_credentials: %v", err)
	}
	if (v == http.StatusOK) != (err == nil) {
		e.t.Fatalf("verify %d but client_credentials %v", v, err)
	}
	return v == http.StatusOK
}

// renew renews a key through the Portal and fails on error.
func renew(t *testing.T, p *local.Portal, id string, grace service.Grace) service.GeneratedKey {
	t.Helper()
	g, err := p.Renew(context.Background(), service.RenewRequest{KeyID: id, Grace: grace})
	if err != nil {
		t.Fatalf("Renew(%s): %v", grace, err)
	}
	return g
}

// Every fixed grace: the old secret works until the grace's end, not an instant
// after, the new one at once; "aucune" stops the old one at once.
func TestRenewalFixedGraces(t *testing.T) {
	e, clock, p := newClockEnv(t)
	ctx := context.Background()
	for _, grace := range []service.Grace{service.GraceNone, service.GraceHour, service.GraceDay, service.GraceWeek} {
		g, err := p.Generate(ctx, service.GenerateRequest{Tiers: tiersA, Service: serviceLoop, Name: "Synchro " + string(grace)})
		if err != nil {
			t.Fatal(err)
		}
		id, oldSecret := g.Credentials.Identifier, g.Credentials.Secret
		start := clock.Now()
		n := renew(t, p, id, grace)
		if n.Credentials.Identifier != id || n.Credentials.Secret == oldSecret || service.CheckSecret(n.Credentials.Secret) != nil {
			t.Fatalf("%s: renewal gave identifier %s (want %s), a new well-formed secret: %v", grace, n.Credentials.Identifier, id, n.Credentials.Secret != oldSecret)
		}
		d, _ := grace.Duration()
		if !e.accepted(id, n.Credentials.Secret) {
			t.Fatalf("%s: new secret refused", grace)
		}
		if d > 0 {
			clock.Set(start.Add(d - time.Microsecond))
			if !e.accepted(id, oldSecret) {
				t.Fatalf("%s: old secret refused before the grace's end", grace)
			}
		}
		clock.Set(start.Add(d))
		if e.accepted(id, oldSecret) {
			t.Fatalf("%s: old secret accepted at the grace's end", grace)
		}
		if !e.accepted(id, n.Credentials.Secret) {
			t.Fatalf("%s: new secret refused after the grace", grace)
		}
		clock.Set(start.Add(time.Minute)) // the next key starts later than this one
		clock.Advance(d)
	}
}

// "Until the new secret's first use, plus 24 h": the old secret works however long
// nobody uses the new one; the first use starts its last day; the old secret's uses
// are recorded with their address; then its digest is forgotten, and a clock set
// back does not bring it back.
func TestRenewalFirstUseGrace(t *testing.T) {
	e, clock, p := newClockEnv(t)
	ctx := context.Background()
	g, err := p.Generate(ctx, service.GenerateRequest{Tiers: tiersA, Service: serviceLoop, Name: "Banque"})
	if err != nil {
		t.Fatal(err)
	}
	id, oldSecret := g.Credentials.Identifier, g.Credentials.Secret
	n := renew(t, p, id, service.GraceFirstUse)
	clock.Advance(30 * 24 * time.Hour)
	if !e.accepted(id, oldSecret) {
		t.Fatal("old secret refused while the new one was never used")
	}
	if err := e.srv.Close(ctx); err != nil { // writes the buffered uses
		t.Fatal(err)
	}
	e.start(clockConfig(clock))
	d, err := p.KeyDetails(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if d.Key.OldSecret == nil || !d.Key.OldSecret.Until.IsZero() || !d.Key.OldSecret.LastUsedAt.Equal(clock.Now()) ||
		d.Key.OldSecret.LastUsedFrom != "127.0.0.1" || d.Key.LastUsedFrom != "127.0.0.1" {
		t.Fatalf("details while waiting: old %+v, last use from %q", d.Key.OldSecret, d.Key.LastUsedFrom)
	}
	if uses := d.Uses[len(d.Uses)-1]; uses.Uses != 2 || len(d.Uses) != service.UsageDays { // verify + token
		t.Fatalf("today's uses = %+v of %d days; want 2", uses, len(d.Uses))
	}

	first := clock.Now().Add(time.Hour)
	clock.Set(first)
	if !e.accepted(id, n.Credentials.Secret) {
		t.Fatal("new secret refused")
	}
	if err := e.srv.Close(ctx); err != nil {
		t.Fatal(err)
	}
	e.start(clockConfig(clock))
	clock.Set(first.Add(service.FirstUseGrace - time.Microsecond))
	if !e.accepted(id, oldSecret) {
		t.Fatal("old secret refused within 24 h of the new one's first use")
	}
	clock.Set(first.Add(service.FirstUseGrace))
	if e.accepted(id, oldSecret) {
		t.Fatal("old secret accepted 24 h after the new one's first use")
	}
	if err := e.st.ForgetEndedGraces(ctx, clock.Now()); err != nil {
		t.Fatal(err)
	}
	if rec, _ := e.st.KeyByID(ctx, id); rec.OldDigest != nil {
		t.Fatal("old digest kept after the grace")
	}
	clock.Set(first) // the clock goes back: the forgotten secret stays dead
	if e.accepted(id, oldSecret) {
		t.Fatal("old secret accepted after the clock was set back")
	}
}

// Ending the grace stops the old secret at once; an expired key is refused
// everywhere and cannot be renewed; a revoked one neither.
func TestEndGraceAndExpiry(t *testing.T) {
	e, clock, p := newClockEnv(t)
	ctx := context.Background()
	g, err := p.Generate(ctx, service.GenerateRequest{Tiers: tiersA, Service: serviceLoop, Name: "Paie", Expiry: service.Expiry{Days: 30}})
	if err != nil {
		t.Fatal(err)
	}
	id, oldSecret := g.Credentials.Identifier, g.Credentials.Secret
	n := renew(t, p, id, service.GraceWeek)
	if !e.accepted(id, oldSecret) {
		t.Fatal("old secret refused during its grace")
	}
	if k, err := p.EndGrace(ctx, id); err != nil || k.OldSecret != nil {
		t.Fatalf("EndGrace = %+v, %v", k, err)
	}
	if e.accepted(id, oldSecret) || !e.accepted(id, n.Credentials.Secret) {
		t.Fatal("after EndGrace: the old secret must fail and the new one work")
	}
	if _, err := p.EndGrace(ctx, id); service.ErrorMessage(err) != service.MsgNoGrace {
		t.Fatalf("EndGrace twice: %v", err)
	}

	tok, err := e.keyClient(id, n.Credentials.Secret, oauth2.AuthStyleInHeader).Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	w, err := p.Generate(ctx, service.GenerateRequest{Tiers: tiersA, Service: serviceLoop, Name: "Témoin"})
	if err != nil {
		t.Fatal(err)
	}
	clock.Set(g.Key.ExpiresAt)
	if e.accepted(id, n.Credentials.Secret) {
		t.Fatal("expired key accepted")
	}
	if in := e.introspect(w.Credentials.Identifier, w.Credentials.Secret, tok.AccessToken); in["active"] != false {
		t.Fatalf("token of an expired key introspected as %v", in)
	}
	if _, err := p.Renew(ctx, service.RenewRequest{KeyID: id, Grace: service.GraceDay}); service.ErrorMessage(err) != service.MsgKeyExpired {
		t.Fatalf("renewing an expired key: %v", err)
	}
	if _, err := p.Revoke(ctx, w.Key.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Renew(ctx, service.RenewRequest{KeyID: w.Key.ID, Grace: service.GraceDay}); service.ErrorMessage(err) != service.MsgKeyRevokedRenew {
		t.Fatalf("renewing a revoked key: %v", err)
	}
}

// Requests verified while the grace ends: each is judged at its own instant, before
// or after the end, and none fails for another reason, while the server forgets the
// old digest under them.
func TestGraceEndsDuringVerification(t *testing.T) {
	e, clock, p := newClockEnv(t)
	ctx := context.Background()
	g, err := p.Generate(ctx, service.GenerateRequest{Tiers: tiersA, Service: serviceLoop, Name: "Course"})
	if err != nil {
		t.Fatal(err)
	}
	start := clock.Now()
	renew(t, p, g.Key.ID, service.GraceHour)
	end := start.Add(time.Hour)
	clock.Set(end.Add(-50 * time.Millisecond))
	var wg sync.WaitGroup
	statuses := make(chan int, 200)
	for range 4 {
		wg.Go(func() {
			for range 25 {
				s, _ := e.verify(g.Key.ID, g.Credentials.Secret)
				statuses <- s
			}
		})
	}
	wg.Go(func() {
		for range 100 {
			clock.Advance(time.Millisecond)
			if err := e.st.ForgetEndedGraces(ctx, clock.Now()); err != nil {
				t.Error(err)
			}
		}
	})
	wg.Wait()
	close(statuses)
	for s := range statuses {
		if s != http.StatusOK && s != http.StatusUnauthorized {
			t.Fatalf("verify during the grace's end: %d", s)
		}
	}
	if clock.Now().Before(end) {
		t.Fatal("the clock did not pass the grace's end")
	}
	if s, _ := e.verify(g.Key.ID, g.Credentials.Secret); s != http.StatusUnauthorized {
		t.Fatalf("old secret after the grace: %d", s)
	}
}
