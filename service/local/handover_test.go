package local_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/local"
	"sesame/service/masterkey"
)

// fakeClock is a settable clock for the pickup tests.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// handoverPortal is a server's Portal on a real SQLite file, with a master key and a
// fake clock, and the pickups of its links.
func handoverPortal(t *testing.T) (*local.Portal, *local.Pickups, *fakeClock, string) {
	t.Helper()
	p, path := openPortal(t)
	mk, err := masterkey.Generate()
	if err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{now: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
	p = p.WithClock(clock.Now).WithHandover(mk, "https://sesame.cabinet.example/")
	return p, local.NewPickups(p.Store(), mk, clock.Now), clock, path
}

// tokenOf is the token at the end of a pickup link.
func tokenOf(t *testing.T, l service.HandoverLink) string {
	t.Helper()
	token, ok := strings.CutPrefix(l.URL, "https://sesame.cabinet.example"+local.PickupPath)
	if !ok || !service.ValidHandoverToken(token) {
		t.Fatalf("link %q is not the server's pickup path and a token", "…"+l.URL[len(l.URL)-4:])
	}
	return token
}

// wrongCode is a code that differs from code in every digit.
func wrongCode(code string) string {
	b := []byte(code)
	for i := range b {
		b[i] = '0' + (b[i]-'0'+1)%10
	}
	return string(b)
}

// In local mode there is no server to hold a link: Handover is refused with the
// sentence that says why.
func TestHandoverLocalModeRefused(t *testing.T) {
	ctx := context.Background()
	p, _ := openPortal(t)
	g, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Partenaire"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Handover(ctx, service.HandoverRequest{KeyID: g.Key.ID})
	if service.ErrorCode(err) != service.EFORBIDDEN || service.ErrorMessage(err) != service.MsgHandoverServerOnly {
		t.Fatalf("Handover in local mode: %v", err)
	}
	if k, err := p.KeyDetails(ctx, g.Key.ID); err != nil || k.Key.Status != service.StatusActive {
		t.Fatalf("the key after a refused handover: %+v, %v", k.Key.Status, err)
	}
}

// A pickup walked through: the key is pending and its old secret refused; a wrong
// code is counted, the right one from another address shows identifier and secret
// (the new secret, which the store keeps only as a digest) and makes the key active;
// opening the link again suspends the key, journaled with the opener's address.
func TestHandoverPickup(t *testing.T) {
	ctx := context.Background()
	p, pk, clock, path := handoverPortal(t)
	g, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Partenaire"})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []time.Duration{time.Hour, 48 * time.Hour, -service.HandoverDay} {
		if _, err := p.Handover(ctx, service.HandoverRequest{KeyID: g.Key.ID, Validity: bad}); service.ErrorCode(err) != service.EINVALID {
			t.Fatalf("Handover valid for %v: %v, want EINVALID", bad, err)
		}
	}
	l, err := p.Handover(ctx, service.HandoverRequest{KeyID: g.Key.ID})
	if err != nil {
		t.Fatalf("Handover: %v", err)
	}
	token := tokenOf(t, l)
	if len(l.Code) != 8 || strings.Trim(l.Code, "0123456789") != "" || strings.Contains(l.URL, l.Code) {
		t.Fatal("the code is not 8 digits apart from the link")
	}
	if l.Key.Status != service.StatusPending || !l.Until.Equal(clock.Now().Add(service.HandoverDefault)) {
		t.Fatalf("Handover: key %s until %v; want pending for 72 h", l.Key.Status, l.Until)
	}
	rec, err := p.Store().KeyByID(ctx, g.Key.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Usable(clock.Now()) || bytes.Equal(rec.Digest, service.SecretDigest(g.Credentials.Secret)) {
		t.Fatal("the handed-over key still opens with the secret shown at generation")
	}

	if st, err := pk.Look(ctx, token, "203.0.113.7"); err != nil || st != local.PickupOpen {
		t.Fatalf("Look: %v, %v; want the form", st, err)
	}
	res, err := pk.Try(ctx, token, wrongCode(l.Code), "203.0.113.66")
	if err != nil || res.State != local.PickupOpen || !res.WrongCode || res.Credentials.Secret != "" {
		t.Fatalf("Try with a wrong code: %+v, %v", res.State, err)
	}
	clock.Advance(time.Hour)
	res, err = pk.Try(ctx, token, service.FormatHandoverCode(l.Code), "203.0.113.7")
	if err != nil || res.State != local.PickupDone {
		t.Fatalf("Try with the right code: %v, %v", res.State, err)
	}
	if res.Credentials.Identifier != g.Key.ID || service.CheckSecret(res.Credentials.Secret) != nil {
		t.Fatal("the pickup does not show the key's identifier and a well-formed secret")
	}
	rec, err = p.Store().KeyByID(ctx, g.Key.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(rec.Digest, service.SecretDigest(res.Credentials.Secret)) || !rec.Usable(clock.Now()) {
		t.Fatal("the secret picked up does not open the key")
	}
	if rec.Handover == nil || rec.Handover.Pending || rec.Handover.PickedUpFrom != "203.0.113.7" || !rec.Handover.PickedUpAt.Equal(clock.Now()) {
		t.Fatalf("pickup recorded as %+v", rec.Handover)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for what, s := range map[string]string{"secret": res.Credentials.Secret, "code": l.Code, "token": token} {
		if bytes.Contains(raw, []byte(s)) {
			t.Fatalf("the database file holds the %s in clear", what)
		}
	}

	clock.Advance(time.Hour)
	if st, err := pk.Look(ctx, token, "198.51.100.4"); err != nil || st != local.PickupReused {
		t.Fatalf("second opening: %v, %v; want reused", st, err)
	}
	k, err := p.KeyDetails(ctx, g.Key.ID)
	if err != nil || k.Key.Status != service.StatusSuspended || k.Key.Suspension.Reason != service.SuspendReasonHandoverReused {
		t.Fatalf("after a second opening: %s, %v", k.Key.Status, err)
	}
	res, err = pk.Try(ctx, token, l.Code, "198.51.100.4")
	if err != nil || res.State != local.PickupReused || res.Credentials.Secret != "" {
		t.Fatalf("the right code on a used link: %v, %v", res.State, err)
	}
	evs, err := p.Audit(ctx, service.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, ev := range evs {
		actions = append(actions, string(ev.Action)+"@"+ev.Addr)
	}
	want := "suspend@198.51.100.4 picked_up@203.0.113.7 handover@ generate@"
	if got := strings.Join(actions, " "); got != want {
		t.Fatalf("journal: %s; want %s", got, want)
	}
}

// Too many wrong codes kill the link and suspend the key; an expired link leaves the
// key pending; a new link kills the old one; a key suspended while pending is not
// picked up; a revoked key's link shows nothing.
func TestHandoverEnds(t *testing.T) {
	ctx := context.Background()
	p, pk, clock, _ := handoverPortal(t)
	gen := func(name string) service.Key {
		g, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: name})
		if err != nil {
			t.Fatal(err)
		}
		return g.Key
	}
	hand := func(k service.Key, d time.Duration) (service.HandoverLink, string) {
		l, err := p.Handover(ctx, service.HandoverRequest{KeyID: k.ID, Validity: d})
		if err != nil {
			t.Fatalf("Handover(%s): %v", k.Name, err)
		}
		return l, tokenOf(t, l)
	}
	status := func(k service.Key) service.KeyStatus {
		d, err := p.KeyDetails(ctx, k.ID)
		if err != nil {
			t.Fatal(err)
		}
		return d.Key.Status
	}

	guessed := gen("Deviné")
	l, token := hand(guessed, service.HandoverDay)
	for i := 1; i <= service.MaxHandoverFailures; i++ {
		res, err := pk.Try(ctx, token, wrongCode(l.Code), "203.0.113.66")
		last := i == service.MaxHandoverFailures
		if err != nil || !res.WrongCode || (res.State == local.PickupEnded) != last {
			t.Fatalf("wrong code %d: %v, %v", i, res.State, err)
		}
	}
	if st := status(guessed); st != service.StatusSuspended {
		t.Fatalf("after %d wrong codes: %s, want suspended", service.MaxHandoverFailures, st)
	}
	if res, err := pk.Try(ctx, token, l.Code, "203.0.113.7"); err != nil || res.State != local.PickupEnded {
		t.Fatalf("the right code after the link died: %v, %v", res.State, err)
	}

	late := gen("En retard")
	l, token = hand(late, service.HandoverDay)
	clock.Advance(service.HandoverDay)
	if res, err := pk.Try(ctx, token, l.Code, "203.0.113.7"); err != nil || res.State != local.PickupEnded {
		t.Fatalf("the right code on an expired link: %v, %v", res.State, err)
	}
	if st := status(late); st != service.StatusPending {
		t.Fatalf("after the link expired: %s, want pending", st)
	}
	_, oldToken := l, token
	l, token = hand(late, service.HandoverWeek)
	if st, _ := pk.Look(ctx, oldToken, "203.0.113.7"); st != local.PickupEnded {
		t.Fatalf("the replaced link: %v, want ended", st)
	}
	if res, err := pk.Try(ctx, token, l.Code, "203.0.113.7"); err != nil || res.State != local.PickupDone {
		t.Fatalf("the new link: %v, %v", res.State, err)
	}

	held := gen("Suspendue en attente")
	l, token = hand(held, service.HandoverDay)
	if _, err := p.Suspend(ctx, service.SuspendRequest{KeyID: held.ID, Reason: "Contrat en pause"}); err != nil {
		t.Fatal(err)
	}
	if res, err := pk.Try(ctx, token, l.Code, "203.0.113.7"); err != nil || res.State != local.PickupEnded || res.Credentials.Secret != "" {
		t.Fatalf("the right code for a key suspended while pending: %v, %v; want ended", res.State, err)
	}
	if st := status(held); st != service.StatusSuspended {
		t.Fatalf("a key suspended while pending, after a pickup attempt: %s", st)
	}

	revoked := gen("Révoquée")
	_, token = hand(revoked, service.HandoverDay)
	if _, err := p.Revoke(ctx, revoked.ID); err != nil {
		t.Fatal(err)
	}
	if st, _ := pk.Look(ctx, token, "203.0.113.7"); st != local.PickupEnded {
		t.Fatalf("a revoked key's link: %v, want ended", st)
	}
	if _, err := p.Handover(ctx, service.HandoverRequest{KeyID: revoked.ID}); service.ErrorMessage(err) != service.MsgHandoverNotActive {
		t.Fatalf("Handover of a revoked key: %v", err)
	}
	if st, _ := pk.Look(ctx, "pas-un-jeton", "203.0.113.7"); st != local.PickupEnded {
		t.Fatalf("a made-up token: %v, want ended", st)
	}
}
