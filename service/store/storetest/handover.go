package storetest

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// handoverString describes a key's pickup as stores keep it, to compare two.
func handoverString(h *service.Handover) string {
	if h == nil {
		return "none"
	}
	return fmt.Sprintf("pending=%v until=%d at=%d from=%q", h.Pending, microsOrZero(h.Until), microsOrZero(h.PickedUpAt), h.PickedUpFrom)
}

// startHandover starts a handover of k at an instant for a validity and returns the
// link as stored, its token and the new secret's digest; it fails on any error.
func startHandover(t *testing.T, s store.Store, k service.Key, at time.Time, validity time.Duration) (store.HandoverRecord, string, []byte) {
	t.Helper()
	token, code, err := service.NewHandoverToken()
	if err != nil {
		t.Fatal(err)
	}
	creds, err := service.NewCredentials()
	if err != nil {
		t.Fatal(err)
	}
	h := store.HandoverRecord{
		TokenDigest: service.HandoverTokenDigest(token), KeyID: k.ID,
		CodeDigest: service.HandoverCodeDigest(token, code), Sealed: []byte("sealed:" + k.ID),
		CreatedAt: at, CreatedBy: "Martin Zoé", ExpiresAt: at.Add(validity), State: store.HandoverOpen,
	}
	ev := event(k, service.AuditHandover, at)
	ev.Detail = service.HandoverDetail(h.ExpiresAt)
	digest := service.SecretDigest(creds.Secret)
	if _, err := s.StartHandover(t.Context(), h, digest, service.SecretHint(creds.Secret), ev); err != nil {
		t.Fatalf("StartHandover(%q): %v", k.Name, err)
	}
	return h, token, digest
}

// link reads a link back and fails on any error.
func link(t *testing.T, s store.Store, digest []byte) store.HandoverRecord {
	t.Helper()
	h, err := s.Handover(t.Context(), digest)
	if err != nil {
		t.Fatalf("Handover: %v", err)
	}
	return h
}

// wantEnded fails unless err is ECONFLICT with MsgHandoverLinkEnded.
func wantEnded(t *testing.T, err error, what string) {
	t.Helper()
	wantCode(t, err, service.ECONFLICT, what)
	if m := service.ErrorMessage(err); m != service.MsgHandoverLinkEnded {
		t.Fatalf("%s: message %q, want %q", what, m, service.MsgHandoverLinkEnded)
	}
}

// testHandover: a handover gives the key a new secret and makes it pending (refused,
// listed as pending, not renewable); the link is stored with digests only; the pickup
// makes the key active with its time and address, forgets the sealed secret, and
// journals both steps; a second pickup of the same link is refused.
func testHandover(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	k := newKey(t, firm, loop, "Pour le partenaire", base)
	insert(t, s, k)
	at := base.Add(time.Hour)
	h, token, digest := startHandover(t, s, k.Key, at, service.HandoverDefault)

	stored := keyByID(t, s, k.ID)
	want := k.Key
	want.Status, want.Version, want.RenewedAt = service.StatusPending, 2, at
	want.Handover = &service.Handover{Pending: true, Until: at.Add(service.HandoverDefault)}
	want.SecretHint = stored.SecretHint
	checkKey(t, "KeyByID after StartHandover", stored.Key, want)
	if !bytes.Equal(stored.Digest, digest) || bytes.Equal(stored.Digest, k.Digest) {
		t.Fatal("StartHandover did not give the key the new secret's digest")
	}
	if stored.Usable(at.Add(time.Minute)) {
		t.Fatal("a pending key is usable")
	}
	got := link(t, s, h.TokenDigest)
	if got.KeyID != k.ID || got.State != store.HandoverOpen || got.Failures != 0 ||
		!bytes.Equal(got.Sealed, h.Sealed) || !bytes.Equal(got.CodeDigest, h.CodeDigest) || !sameInstant(got.ExpiresAt, h.ExpiresAt) {
		t.Fatalf("Handover: %+v, want the link as started", got)
	}
	if bytes.Contains(got.TokenDigest, []byte(token)) {
		t.Fatal("the store holds the token")
	}
	pending := listAll(t, s, service.KeyFilter{Tiers: firm, Service: loop, Statuses: []service.KeyStatus{service.StatusPending}, Now: at}.Normalized())
	if len(pending) != 1 || pending[0].ID != k.ID {
		t.Fatalf("pending criterion: %d keys, want the handed-over one", len(pending))
	}
	if active := listAll(t, s, service.KeyFilter{Tiers: firm, Service: loop, Statuses: []service.KeyStatus{service.StatusActive}, Now: at}.Normalized()); len(active) != 0 {
		t.Fatalf("active criterion lists %d pending keys", len(active))
	}
	_, err := s.RenewKey(ctx, renewal(t, stored, 2, at, true, time.Time{}), event(k.Key, service.AuditRenew, at))
	wantCode(t, err, service.ECONFLICT, "RenewKey of a pending key")
	if m := service.ErrorMessage(err); m != service.MsgKeyPendingRenew {
		t.Fatalf("RenewKey of a pending key: message %q, want %q", m, service.MsgKeyPendingRenew)
	}

	pick := at.Add(2 * time.Hour)
	ev := event(k.Key, service.AuditPickedUp, pick)
	ev.Actor, ev.Login, ev.Addr = "", "", "203.0.113.7"
	picked, err := s.PickUpHandover(ctx, h.TokenDigest, pick, "203.0.113.7", ev)
	if err != nil {
		t.Fatalf("PickUpHandover: %v", err)
	}
	want.Status = service.StatusActive
	want.Handover = &service.Handover{PickedUpAt: pick, PickedUpFrom: "203.0.113.7"}
	checkKey(t, "PickUpHandover's answer", picked, want)
	checkKey(t, "KeyByID after the pickup", keyByID(t, s, k.ID).Key, want)
	if !keyByID(t, s, k.ID).Usable(pick) {
		t.Fatal("a picked-up key is not usable")
	}
	used := link(t, s, h.TokenDigest)
	if used.State != store.HandoverUsed || used.Sealed != nil || !sameInstant(used.UsedAt, pick) || used.UsedFrom != "203.0.113.7" {
		t.Fatalf("the link after pickup: state %q, sealed %v, used %v from %q", used.State, used.Sealed != nil, used.UsedAt, used.UsedFrom)
	}
	_, err = s.PickUpHandover(ctx, h.TokenDigest, pick.Add(time.Minute), "198.51.100.9", ev)
	wantEnded(t, err, "a second PickUpHandover")

	evs := audit(t, s, service.AuditFilter{Tiers: []string{firm}})
	if len(evs) < 3 || evs[0].Action != service.AuditPickedUp || evs[0].Addr != "203.0.113.7" ||
		evs[1].Action != service.AuditHandover || evs[1].Detail != service.HandoverDetail(h.ExpiresAt) {
		t.Fatalf("journal: %+v, want the pickup after the handover", evs[:min(len(evs), 2)])
	}
	if _, err := s.Handover(ctx, service.HandoverTokenDigest("inconnu")); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("Handover of an unknown token: %v, want ENOTFOUND", err)
	}
}

// testHandoverNewLink: a new link kills the earlier one (its sealed secret gone, its
// pickup refused) and only the new one picks the key up.
func testHandoverNewLink(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	k := newKey(t, firm, loop, "Deux liens", base)
	insert(t, s, k)
	first, _, _ := startHandover(t, s, k.Key, base.Add(time.Hour), service.HandoverDay)
	second, _, digest := startHandover(t, s, k.Key, base.Add(2*time.Hour), service.HandoverWeek)
	old := link(t, s, first.TokenDigest)
	if old.State != store.HandoverDead || old.Sealed != nil {
		t.Fatalf("the first link after a second: state %q, sealed %v; want dead, no secret", old.State, old.Sealed != nil)
	}
	if got := keyByID(t, s, k.ID); got.Version != 3 || !bytes.Equal(got.Digest, digest) || !sameInstant(got.Handover.Until, second.ExpiresAt) {
		t.Fatalf("key after the second link: version %d, until %v", got.Version, got.Handover.Until)
	}
	at := base.Add(3 * time.Hour)
	_, err := s.PickUpHandover(ctx, first.TokenDigest, at, "203.0.113.7", event(k.Key, service.AuditPickedUp, at))
	wantEnded(t, err, "PickUpHandover of a replaced link")
	if _, err := s.PickUpHandover(ctx, second.TokenDigest, at, "203.0.113.7", event(k.Key, service.AuditPickedUp, at)); err != nil {
		t.Fatalf("PickUpHandover of the new link: %v", err)
	}
	// An active key in use can be handed over again: it is pending again.
	startHandover(t, s, k.Key, at.Add(time.Hour), service.HandoverDay)
	if got := keyByID(t, s, k.ID); got.Status != service.StatusPending || got.Handover.PickedUpAt.IsZero() {
		t.Fatalf("key handed over again: status %q, handover %s", got.Status, handoverString(got.Handover))
	}
}

// testHandoverWrongCodes: wrong codes are counted on the link; the last one allowed
// kills the link and suspends the key, journaled with its reason; resuming the key
// leaves it pending, and a new link can be issued.
func testHandoverWrongCodes(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	k := newKey(t, firm, loop, "Codes faux", base)
	insert(t, s, k)
	h, _, _ := startHandover(t, s, k.Key, base, service.HandoverDefault)
	fail := func(i int) (int, bool) {
		at := base.Add(time.Duration(i) * time.Minute)
		ev := event(k.Key, service.AuditSuspend, at)
		ev.Detail = service.SuspendReasonHandoverCodes
		n, suspended, err := s.FailHandover(ctx, h.TokenDigest, 3, service.Suspension{At: at, Reason: service.SuspendReasonHandoverCodes}, ev)
		if err != nil {
			t.Fatalf("FailHandover %d: %v", i, err)
		}
		return n, suspended
	}
	for i := 1; i <= 2; i++ {
		if n, suspended := fail(i); n != i || suspended {
			t.Fatalf("wrong code %d: count %d, suspended %v", i, n, suspended)
		}
	}
	if got := keyByID(t, s, k.ID); got.Status != service.StatusPending {
		t.Fatalf("after 2 wrong codes of 3: status %q, want pending", got.Status)
	}
	if n, suspended := fail(3); n != 3 || !suspended {
		t.Fatalf("wrong code 3 of 3: count %d, suspended %v; want the key suspended", n, suspended)
	}
	got := keyByID(t, s, k.ID)
	if got.Status != service.StatusSuspended || got.Suspension == nil || got.Suspension.Reason != service.SuspendReasonHandoverCodes {
		t.Fatalf("after the last wrong code: status %q, suspension %s", got.Status, suspensionString(got.Suspension))
	}
	if l := link(t, s, h.TokenDigest); l.State != store.HandoverDead || l.Sealed != nil {
		t.Fatalf("the link after the last wrong code: state %q, sealed %v", l.State, l.Sealed != nil)
	}
	if evs := audit(t, s, service.AuditFilter{Tiers: []string{firm}, Action: service.AuditSuspend}); len(evs) != 1 || evs[0].Detail != service.SuspendReasonHandoverCodes {
		t.Fatalf("journal: %d suspensions, want 1 with the handover's reason", len(evs))
	}
	_, _, err := s.FailHandover(ctx, h.TokenDigest, 3, service.Suspension{At: base}, event(k.Key, service.AuditSuspend, base))
	wantEnded(t, err, "FailHandover on a dead link")
	_, err = s.StartHandover(ctx, h, []byte("x"), "ssk_x", event(k.Key, service.AuditHandover, base))
	wantCode(t, err, service.ECONFLICT, "StartHandover of a suspended key")
	if m := service.ErrorMessage(err); m != service.MsgHandoverSuspended {
		t.Fatalf("StartHandover of a suspended key: %q, want %q", m, service.MsgHandoverSuspended)
	}
	if _, err := s.ResumeKey(ctx, k.ID, event(k.Key, service.AuditResume, base.Add(time.Hour))); err != nil {
		t.Fatalf("ResumeKey: %v", err)
	}
	if got := keyByID(t, s, k.ID); got.Status != service.StatusPending || got.Usable(base.Add(time.Hour)) {
		t.Fatalf("resumed after a failed handover: status %q; want pending, unusable", got.Status)
	}
	startHandover(t, s, k.Key, base.Add(2*time.Hour), service.HandoverDay)
}

// testHandoverEnds: an expired link loses its sealed secret to the sweep, refuses the
// pickup and leaves the key pending; revoking a pending key kills its link; a revoked
// key cannot be handed over; of concurrent pickups of one link, one wins.
func testHandoverEnds(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	k := newKey(t, firm, loop, "Lien expiré", base)
	insert(t, s, k)
	h, _, _ := startHandover(t, s, k.Key, base, service.HandoverDay)
	if err := s.ForgetEndedHandovers(ctx, base.Add(time.Hour)); err != nil {
		t.Fatalf("ForgetEndedHandovers: %v", err)
	}
	if link(t, s, h.TokenDigest).Sealed == nil {
		t.Fatal("ForgetEndedHandovers forgot a live link's secret")
	}
	end := base.Add(service.HandoverDay)
	if err := s.ForgetEndedHandovers(ctx, end); err != nil {
		t.Fatalf("ForgetEndedHandovers: %v", err)
	}
	if link(t, s, h.TokenDigest).Sealed != nil {
		t.Fatal("an expired link keeps its sealed secret")
	}
	_, err := s.PickUpHandover(ctx, h.TokenDigest, end, "203.0.113.7", event(k.Key, service.AuditPickedUp, end))
	wantEnded(t, err, "PickUpHandover of an expired link")
	if got := keyByID(t, s, k.ID); got.Status != service.StatusPending || got.Usable(end) {
		t.Fatalf("after the link expired: status %q, want pending and unusable", got.Status)
	}

	h2, _, _ := startHandover(t, s, k.Key, end, service.HandoverDay)
	revoke(t, s, k.Key, end.Add(time.Minute))
	if l := link(t, s, h2.TokenDigest); l.State != store.HandoverDead || l.Sealed != nil {
		t.Fatalf("the link of a revoked key: state %q, sealed %v", l.State, l.Sealed != nil)
	}
	if got := keyByID(t, s, k.ID); got.Status != service.StatusRevoked {
		t.Fatalf("a revoked pending key: status %q", got.Status)
	}
	_, err = s.StartHandover(ctx, h2, []byte("x"), "ssk_x", event(k.Key, service.AuditHandover, end))
	wantCode(t, err, service.ECONFLICT, "StartHandover of a revoked key")
	if m := service.ErrorMessage(err); m != service.MsgHandoverNotActive {
		t.Fatalf("StartHandover of a revoked key: %q, want %q", m, service.MsgHandoverNotActive)
	}
	_, err = s.StartHandover(ctx, store.HandoverRecord{KeyID: "AAAA-AAAA-AAAA-AAAA", CreatedAt: end, ExpiresAt: end.Add(time.Hour)}, []byte("x"), "ssk_x",
		event(service.Key{ID: "AAAA-AAAA-AAAA-AAAA", Tiers: firm, Service: loop}, service.AuditHandover, end))
	wantCode(t, err, service.ENOTFOUND, "StartHandover of an unknown key")

	race := newKey(t, firm, loop, "Retraits simultanés", base)
	insert(t, s, race)
	h3, _, _ := startHandover(t, s, race.Key, end, service.HandoverDay)
	errs := concurrently(4, func(i int) error {
		at := end.Add(time.Minute)
		_, err := s.PickUpHandover(ctx, h3.TokenDigest, at, fmt.Sprintf("203.0.113.%d", i), event(race.Key, service.AuditPickedUp, at))
		return err
	})
	checkOneWinner(t, "concurrent pickups", errs)
	if n := len(audit(t, s, service.AuditFilter{Tiers: []string{firm}, Action: service.AuditPickedUp})); n != 1 {
		t.Fatalf("concurrent pickups journaled %d times, want 1", n)
	}
}
