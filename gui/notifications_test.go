package gui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"sesame/service"
	"sesame/service/store"
)

// Paramètres → « Notifications… » in server mode: the administrator's address,
// language and events are saved on the server (a wrong address said under its
// field); a failed delivery is listed and « Réessayer » makes it pending again. In
// local mode the dialog says notifications need the firm's server.
func TestNotificationsDialog(t *testing.T) {
	t.Run("server", func(t *testing.T) {
		h := newServerHarness(t)
		ctx := context.Background()
		st := h.server.Store
		now := time.Now()
		if _, err := st.EnqueueDeliveries(ctx, []store.Delivery{{Firm: "95963", EventID: "audit:1", Kind: service.NotifyKeySuspended,
			Channel: store.ChannelWebhook, Target: "wh_parti", Payload: []byte(`{}`), CreatedAt: now, NextAt: now}}); err != nil {
			t.Fatal(err)
		}
		ds, err := st.ClaimDeliveries(ctx, now, time.Hour, 1)
		if err != nil || len(ds) != 1 {
			t.Fatalf("claim: %v %v", ds, err)
		}
		if _, err := st.RecordAttempt(ctx, ds[0].ID, store.DeliveryAttempt{At: now, HTTPStatus: 503, Result: "503 Service Unavailable"}, time.Time{}); err != nil {
			t.Fatal(err)
		}

		if err := st.AddWebhook(ctx, store.Webhook{ID: "wh_compta", Firm: "95963", URL: "https://outils.cabinet.fr/sesame",
			Secret: []byte("sealed"), Kinds: []service.NotifyKind{service.NotifyKeySuspended, service.NotifyKeyExpiring}, CreatedAt: now}); err != nil {
			t.Fatal(err)
		}

		h.u.showSettings(nil)
		h.tap(h.u.settings.notify)
		h.wait()
		d := h.u.notify
		if d == nil || d.email == nil {
			t.Fatal("« Notifications… » did not open the server-mode dialog")
		}
		if !textIn(d.failed, "503 Service Unavailable") || !textIn(d.failed, "wh_parti") {
			t.Fatal("the failed delivery is not listed")
		}
		if !textIn(d.hooks, "https://outils.cabinet.fr/sesame (wh_compta) : 2 événements") {
			t.Fatal("the firm's webhook is not listed")
		}
		typeInto(d.email, "pas une adresse")
		test.Tap(d.kinds[service.NotifyKeySuspended])
		h.tap(d.save)
		h.wait()
		if d.emErr.Hidden || d.emErr.Text == "" {
			t.Fatal("a wrong address is not said under its field")
		}
		d.email.SetText("")
		typeInto(d.email, "vincent@cabinet.fr")
		d.lang.SetSelected("English")
		test.Tap(d.kinds[service.NotifyJournalSealed])
		h.tap(d.save)
		h.wait()
		c, err := st.NotifyChoice(ctx, "vdelhumeau")
		if err != nil || c.Email != "vincent@cabinet.fr" || c.Language != "en" || len(c.Kinds) != 2 {
			t.Fatalf("stored choice: %+v %v", c, err)
		}
		if d.status.Text == "" {
			t.Fatal("nothing says the choice was saved")
		}

		h.tap(h.buttonIn(d.failed, "Réessayer"))
		h.wait()
		if got, _, _ := st.Delivery(ctx, "95963", ds[0].ID); got.Status != store.DeliveryPending {
			t.Fatalf("after « Réessayer »: %+v", got)
		}
		if !textIn(d.failed, "Aucun envoi en échec.") {
			t.Fatal("the retried delivery is still listed as failed")
		}
	})
	t.Run("local", func(t *testing.T) {
		h := newHarness(t)
		h.setUpFirm()
		h.u.showSettings(nil)
		h.tap(h.u.settings.notify)
		h.wait()
		if h.u.notify == nil || h.u.notify.email != nil || !textIn(h.u.notify.needs, "serveur du cabinet") {
			t.Fatal("local mode does not say that notifications need the server")
		}
	})
}
