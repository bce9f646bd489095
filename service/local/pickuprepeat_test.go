package local_test

import (
	"context"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/local"
)

// A partner double-clicks « Afficher ma clé »: the browser shows only the second
// answer. That answer says the key was just shown (not again) and the key stays
// active; the same link opened from another address, or later than
// PickupRepeatGrace from the same one, still suspends it.
func TestPickupRepeatedAtOnceKeepsTheKey(t *testing.T) {
	ctx := context.Background()
	p, pk, clock, _ := handoverPortal(t)
	pickUp := func(name string) (service.GeneratedKey, string, service.HandoverLink) {
		t.Helper()
		g, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: name})
		if err != nil {
			t.Fatal(err)
		}
		l, err := p.Handover(ctx, service.HandoverRequest{KeyID: g.Key.ID})
		if err != nil {
			t.Fatal(err)
		}
		token := tokenOf(t, l)
		if res, err := pk.Try(ctx, token, l.Code, "203.0.113.7"); err != nil || res.State != local.PickupDone {
			t.Fatalf("pickup of %s: %v, %v", name, res.State, err)
		}
		return g, token, l
	}
	status := func(id string) service.KeyStatus {
		t.Helper()
		k, err := p.KeyDetails(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return k.Key.Status
	}

	g, token, l := pickUp("Double clic")
	clock.Advance(5 * time.Second)
	res, err := pk.Try(ctx, token, l.Code, "203.0.113.7")
	if err != nil || res.State != local.PickupShown || res.Credentials.Secret != "" {
		t.Fatalf("the form sent twice: %v, %v; want shown, without the secret", res.State, err)
	}
	if st, err := pk.Look(ctx, token, "203.0.113.7"); err != nil || st != local.PickupShown {
		t.Fatalf("the page reloaded: %v, %v", st, err)
	}
	if s := status(g.Key.ID); s != service.StatusActive {
		t.Fatalf("after a double click the key is %s, want active", s)
	}
	if st, err := pk.Look(ctx, token, "198.51.100.4"); err != nil || st != local.PickupReused || status(g.Key.ID) != service.StatusSuspended {
		t.Fatalf("another address at once: %v, %v, key %s; want reused and suspended", st, err, status(g.Key.ID))
	}

	g, token, _ = pickUp("Plus tard")
	clock.Advance(local.PickupRepeatGrace)
	if st, err := pk.Look(ctx, token, "203.0.113.7"); err != nil || st != local.PickupReused || status(g.Key.ID) != service.StatusSuspended {
		t.Fatalf("the same address after the grace: %v, %v, key %s; want reused and suspended", st, err, status(g.Key.ID))
	}
}
