package sqlstore_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// notifyDB is what the notification tests need of a store.
type notifyDB interface {
	store.Store
	store.NotifyStore
	store.AuthStore
}

// The NotifyStore methods, on both databases, held to one behaviour.
func TestNotifyStore(t *testing.T) {
	for name, open := range bothStores() {
		t.Run(name, func(t *testing.T) {
			t.Run("Channels", func(t *testing.T) { testNotifyChannels(t, open(t)) })
			t.Run("Choices", func(t *testing.T) { testNotifyChoices(t, open(t)) })
			t.Run("Deliveries", func(t *testing.T) { testDeliveries(t, open(t)) })
			t.Run("ConcurrentClaims", func(t *testing.T) { testConcurrentClaims(t, open(t)) })
			t.Run("Cursor", func(t *testing.T) { testNotifyCursor(t, open(t)) })
		})
	}
}

func testNotifyChannels(t *testing.T, st notifyDB) {
	ctx := context.Background()
	if _, err := st.SMTP(ctx, "95963"); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("no SMTP yet: %v", err)
	}
	want := store.SMTPSettings{Firm: "95963", Host: "smtp.cabinet.fr", Port: 587, StartTLS: true, User: "sesame",
		Password: []byte("sealed-1"), From: "sesame@cabinet.fr", UpdatedAt: t0, UpdatedBy: "Martin Zoé"}
	for _, pw := range []string{"sealed-0", "sealed-1"} { // the second replaces the first
		c := want
		c.Password = []byte(pw)
		if err := st.PutSMTP(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	got, err := st.SMTP(ctx, "95963")
	if err != nil || got.Host != want.Host || got.Port != 587 || !got.StartTLS || got.User != "sesame" ||
		string(got.Password) != "sealed-1" || got.From != want.From || !got.UpdatedAt.Equal(t0) || got.UpdatedBy != want.UpdatedBy {
		t.Fatalf("SMTP: %+v %v", got, err)
	}
	if _, err := st.SMTP(ctx, "77001"); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("another firm's SMTP: %v", err)
	}

	for i, w := range []store.Webhook{
		{ID: "wh1", Firm: "95963", URL: "https://a.example/hook", Secret: []byte("s1"), Kinds: []service.NotifyKind{service.NotifyKeySuspended, service.NotifyKeyExpiring}},
		{ID: "wh2", Firm: "95963", URL: "https://b.example/hook", Secret: []byte("s2"), Kinds: service.NotifyKinds},
		{ID: "wh3", Firm: "77001", URL: "https://c.example/hook", Secret: []byte("s3")},
	} {
		w.CreatedAt, w.CreatedBy = t0.Add(time.Duration(i)*time.Second), "Martin Zoé"
		if err := st.AddWebhook(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.AddWebhook(ctx, store.Webhook{ID: "wh1", Firm: "95963", URL: "https://x", Secret: []byte("x"), CreatedAt: t0}); service.ErrorCode(err) != service.ECONFLICT {
		t.Fatalf("same ID twice: %v", err)
	}
	ws, err := st.Webhooks(ctx, "95963")
	if err != nil || len(ws) != 2 || ws[0].ID != "wh1" || ws[1].ID != "wh2" || string(ws[0].Secret) != "s1" ||
		!slices.Equal(ws[0].Kinds, []service.NotifyKind{service.NotifyKeyExpiring, service.NotifyKeySuspended}) ||
		!slices.Equal(ws[1].Kinds, service.NotifyKinds) {
		t.Fatalf("webhooks: %+v %v", ws, err)
	}
	if err := st.RemoveWebhook(ctx, "95963", "wh3"); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("another firm's webhook removed: %v", err)
	}
	if err := st.RemoveWebhook(ctx, "95963", "wh1"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Webhook(ctx, "wh1"); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("removed webhook: %v", err)
	}
	if w, err := st.Webhook(ctx, "wh3"); err != nil || w.Firm != "77001" {
		t.Fatalf("Webhook(wh3): %+v %v", w, err)
	}

	// The master key's rotation reaches the SMTP password and the webhooks' secrets.
	labels := map[string]string{}
	if _, err := st.ResealSecrets(ctx, func(label string, v []byte) ([]byte, error) {
		labels[label] = string(v)
		return append([]byte("re:"), v...), nil
	}); err != nil {
		t.Fatal(err)
	}
	if labels[store.SMTPPasswordLabel("95963")] != "sealed-1" || labels[store.WebhookSecretLabel("wh2")] != "s2" {
		t.Fatalf("resealed: %v", labels)
	}
	if got, _ := st.SMTP(ctx, "95963"); string(got.Password) != "re:sealed-1" {
		t.Fatalf("password after reseal: %q", got.Password)
	}
	if w, _ := st.Webhook(ctx, "wh2"); string(w.Secret) != "re:s2" {
		t.Fatalf("secret after reseal: %q", w.Secret)
	}
}

func addAdmins(t *testing.T, st notifyDB, logins ...string) {
	t.Helper()
	ctx := context.Background()
	for _, tr := range []service.Tiers{{Code: "95963", Name: "FUTUROSCOPE"}, {Code: "77001", Name: "AUTRE"}} {
		if err := st.AddTiers(ctx, tr); err != nil {
			t.Fatal(err)
		}
	}
	for i, l := range logins {
		firm := "95963"
		if i == len(logins)-1 {
			firm = "77001"
		}
		if err := st.PutAdmin(ctx, store.Admin{Login: l, Name: l, SICCode: firm, Tiers: []string{firm}}); err != nil {
			t.Fatal(err)
		}
	}
}

func testNotifyChoices(t *testing.T, st notifyDB) {
	ctx := context.Background()
	addAdmins(t, st, "zmartin", "vdelhumeau", "autre")
	if _, err := st.NotifyChoice(ctx, "zmartin"); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("no choice yet: %v", err)
	}
	for _, c := range []store.NotifyChoice{
		{Login: "zmartin", Firm: "95963", Email: "old@cabinet.fr", Language: "fr"},
		{Login: "zmartin", Firm: "95963", Email: "zoe@cabinet.fr", Language: "en", Kinds: []service.NotifyKind{service.NotifyJournalSealed, "bogus"}},
		{Login: "vdelhumeau", Firm: "95963", Email: "vd@cabinet.fr", Language: "fr", Kinds: service.NotifyKinds},
		{Login: "autre", Firm: "77001", Email: "a@autre.fr", Language: "fr", Kinds: service.NotifyKinds},
	} {
		if err := st.PutNotifyChoice(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	c, err := st.NotifyChoice(ctx, "zmartin")
	if err != nil || c.Email != "zoe@cabinet.fr" || c.Language != "en" || !slices.Equal(c.Kinds, []service.NotifyKind{service.NotifyJournalSealed}) {
		t.Fatalf("choice: %+v %v", c, err)
	}
	cs, err := st.NotifyChoices(ctx, "95963")
	if err != nil || len(cs) != 2 || cs[0].Login != "vdelhumeau" || cs[1].Login != "zmartin" {
		t.Fatalf("firm's choices: %+v %v", cs, err)
	}
	if all, err := st.NotifyChoices(ctx, ""); err != nil || len(all) != 3 {
		t.Fatalf("every firm's choices: %+v %v", all, err)
	}
	// An administrator removed takes their choices with them.
	if err := st.RemoveAdmin(ctx, "zmartin"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.NotifyChoice(ctx, "zmartin"); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("removed admin's choice: %v", err)
	}
}

func delivery(firm, event, channel, target string, at time.Time) store.Delivery {
	return store.Delivery{Firm: firm, EventID: event, Kind: service.NotifyKeySuspended, Channel: channel, Target: target,
		Language: "fr", Payload: []byte(`{"id":"` + event + `"}`), CreatedAt: at, NextAt: at}
}

func testDeliveries(t *testing.T, st notifyDB) {
	ctx := context.Background()
	ds := []store.Delivery{
		delivery("95963", "audit:1", store.ChannelEmail, "zoe@cabinet.fr", t0),
		delivery("95963", "audit:1", store.ChannelWebhook, "wh1", t0),
		delivery("77001", "audit:2", store.ChannelEmail, "a@autre.fr", t0.Add(time.Minute)),
	}
	if n, err := st.EnqueueDeliveries(ctx, ds); err != nil || n != 3 {
		t.Fatalf("enqueue: %d %v", n, err)
	}
	// A second replica finding the same events stores nothing more.
	if n, err := st.EnqueueDeliveries(ctx, ds); err != nil || n != 0 {
		t.Fatalf("enqueue again: %d %v", n, err)
	}
	got, err := st.ClaimDeliveries(ctx, t0, time.Minute, 10)
	if err != nil || len(got) != 2 || got[0].EventID != "audit:1" || got[1].EventID != "audit:1" ||
		string(got[0].Payload) != `{"id":"audit:1"}` || got[0].Status != store.DeliveryPending {
		t.Fatalf("claim due at t0: %+v %v", got, err)
	}
	// Leased: nobody claims them again before the lease ends.
	if again, err := st.ClaimDeliveries(ctx, t0.Add(30*time.Second), time.Minute, 10); err != nil || len(again) != 0 {
		t.Fatalf("claimed while leased: %+v %v", again, err)
	}
	mail, hook := got[0], got[1]
	if mail.Channel != store.ChannelEmail {
		mail, hook = hook, mail
	}
	d, err := st.RecordAttempt(ctx, mail.ID, store.DeliveryAttempt{At: t0.Add(time.Second), OK: true, Result: "250 2.0.0 Ok: queued"}, time.Time{})
	if err != nil || d.Status != store.DeliveryDelivered || d.Attempts != 1 || d.LastResult != "250 2.0.0 Ok: queued" {
		t.Fatalf("delivered: %+v %v", d, err)
	}
	retryAt := t0.Add(time.Hour)
	d, err = st.RecordAttempt(ctx, hook.ID, store.DeliveryAttempt{At: t0.Add(time.Second), HTTPStatus: 503, Result: "503 Service Unavailable"}, retryAt)
	if err != nil || d.Status != store.DeliveryPending || !d.NextAt.Equal(retryAt) || d.Attempts != 1 {
		t.Fatalf("to retry: %+v %v", d, err)
	}
	early, _ := st.ClaimDeliveries(ctx, retryAt.Add(-time.Second), time.Minute, 10)
	if len(early) != 1 || early[0].Firm != "77001" {
		t.Fatalf("claimed before its retry: %+v", early)
	}
	if _, err := st.RecordAttempt(ctx, early[0].ID, store.DeliveryAttempt{At: retryAt, OK: true, Result: "250 Ok"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	later, err := st.ClaimDeliveries(ctx, retryAt, time.Minute, 10)
	if err != nil || len(later) != 1 || later[0].ID != hook.ID {
		t.Fatalf("claim at retry: %+v %v", later, err)
	}
	if _, err := st.RecordAttempt(ctx, hook.ID, store.DeliveryAttempt{At: retryAt, Result: "dial tcp: connection refused"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	failed, err := st.Deliveries(ctx, "95963", store.DeliveryFailed, 10)
	if err != nil || len(failed) != 1 || failed[0].ID != hook.ID || failed[0].Attempts != 2 || failed[0].LastResult != "dial tcp: connection refused" {
		t.Fatalf("failed list: %+v %v", failed, err)
	}
	if all, _ := st.Deliveries(ctx, "95963", "", 10); len(all) != 2 {
		t.Fatalf("all of the firm's: %+v", all)
	}
	one, attempts, err := st.Delivery(ctx, "95963", hook.ID)
	if err != nil || one.Status != store.DeliveryFailed || len(attempts) != 2 || attempts[0].HTTPStatus != 503 || attempts[1].OK ||
		!attempts[1].At.Equal(retryAt) {
		t.Fatalf("delivery with attempts: %+v %+v %v", one, attempts, err)
	}
	if _, _, err := st.Delivery(ctx, "77001", hook.ID); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("another firm's delivery: %v", err)
	}
	if _, err := st.RetryDelivery(ctx, "77001", hook.ID, retryAt); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("another firm retries: %v", err)
	}
	if _, err := st.RetryDelivery(ctx, "95963", mail.ID, retryAt); service.ErrorCode(err) != service.ECONFLICT {
		t.Fatalf("retry of a delivered one: %v", err)
	}
	now := retryAt.Add(time.Hour)
	d, err = st.RetryDelivery(ctx, "95963", hook.ID, now)
	if err != nil || d.Status != store.DeliveryPending || !d.NextAt.Equal(now) || d.Attempts != 2 {
		t.Fatalf("retried: %+v %v", d, err)
	}
	if c, _ := st.ClaimDeliveries(ctx, now, time.Minute, 10); len(c) != 1 || c[0].ID != hook.ID {
		t.Fatalf("claim after retry: %+v", c)
	}
}

func testConcurrentClaims(t *testing.T, st notifyDB) {
	ctx := context.Background()
	var ds []store.Delivery
	for i := range 40 {
		ds = append(ds, delivery("95963", fmt.Sprintf("audit:%d", i), store.ChannelEmail, "zoe@cabinet.fr", t0))
	}
	if n, err := st.EnqueueDeliveries(ctx, ds); err != nil || n != 40 {
		t.Fatalf("enqueue: %d %v", n, err)
	}
	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	for range 4 { // four replicas
		wg.Go(func() {
			for {
				got, err := st.ClaimDeliveries(ctx, t0, time.Minute, 7)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, d := range got {
					seen[d.ID]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != 40 {
		t.Fatalf("%d deliveries claimed, want 40", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Fatalf("delivery %d claimed %d times", id, n)
		}
	}
}

func testNotifyCursor(t *testing.T, st notifyDB) {
	ctx := context.Background()
	if p, set, err := st.NotifyCursor(ctx, "audit"); err != nil || p != 0 || set {
		t.Fatalf("first cursor: %d %v %v", p, set, err)
	}
	if err := st.AdvanceNotifyCursor(ctx, "audit", 0); err != nil {
		t.Fatal(err)
	}
	if p, set, err := st.NotifyCursor(ctx, "audit"); err != nil || p != 0 || !set {
		t.Fatalf("cursor set at 0: %d %v %v", p, set, err)
	}
	for _, p := range []int64{5, 12, 7} {
		if err := st.AdvanceNotifyCursor(ctx, "audit", p); err != nil {
			t.Fatal(err)
		}
	}
	if p, _, err := st.NotifyCursor(ctx, "audit"); err != nil || p != 12 {
		t.Fatalf("cursor moved back: %d %v", p, err)
	}
	if p, set, _ := st.NotifyCursor(ctx, "seals"); p != 0 || set {
		t.Fatalf("another cursor: %d %v", p, set)
	}
}
