package notify_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/msg"
	"sesame/service/notify"
	"sesame/service/notify/notifytest"
	"sesame/service/store"
)

// A firm's administrator sets the SMTP server and webhooks, so the server must not
// become their way to the machines beside it. A firm's own server reaches its SMTP
// relay on loopback; a server run with PublicOnly (shared by several firms) refuses
// it, and the test e-mail's refusal says nothing of the network (no address, no
// port). A webhook to the cloud metadata address is refused whatever the setting,
// before any connection.
func TestNotificationNetworkRules(t *testing.T) {
	ctx := context.Background()
	srv := notifytest.StartSMTP(t, "sesame@cabinet.fr", smtpPassword)
	f := newFirm(t)
	f.setSMTP(t, srv.Port, smtpPassword)
	c := &clock{t: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}

	shared := notify.New(notify.Config{Store: f.st, Open: f.open, Seal: f.mk.Seal, Now: c.Now, SMTPTLS: srv.ClientTLS(), PublicOnly: true})
	_, err := shared.TestSMTP(ctx, "95963", "zoe@cabinet.fr", "fr")
	if service.ErrorMessage(err) != notify.MsgUnreachable {
		t.Fatalf("test e-mail to a loopback relay on a shared server: %v, want %s", err, notify.MsgUnreachable)
	}
	said := msg.Text(service.ErrorMessage(err), msg.French, service.ErrorParams(err))
	if strings.Contains(said, "127.0.0.1") || strings.Contains(said, strconv.Itoa(srv.Port)) {
		t.Fatalf("the refusal tells the network: %q", said)
	}
	if len(srv.Messages()) != 0 {
		t.Fatal("a shared server reached the loopback relay")
	}
	if _, err := f.notifier(c, srv.ClientTLS()).TestSMTP(ctx, "95963", "zoe@cabinet.fr", "fr"); err != nil || len(srv.Messages()) != 1 {
		t.Fatalf("the firm's own server and its relay on loopback: %v, %d messages", err, len(srv.Messages()))
	}

	if err := f.st.AddWebhook(ctx, store.Webhook{ID: "wh_meta", Firm: "95963", URL: "https://169.254.169.254/latest/meta-data",
		Secret: f.mk.Seal(store.WebhookSecretLabel("wh_meta"), []byte("whsec-0123456789abcdef0123456789abcdef")),
		Kinds:  []service.NotifyKind{service.NotifyKeySuspended}, CreatedAt: c.Now(), CreatedBy: "Martin Zoé"}); err != nil {
		t.Fatal(err)
	}
	own := notify.New(notify.Config{Store: f.st, Open: f.open, Now: c.Now})
	if _, err := own.Enqueue(ctx, service.Notification{ID: "audit:3", Kind: service.NotifyKeySuspended, Firm: "95963", At: c.Now()}); err != nil {
		t.Fatal(err)
	}
	if _, err := own.Deliver(ctx, 10); err != nil {
		t.Fatal(err)
	}
	ds, _ := f.st.Deliveries(ctx, "95963", "", 10)
	if len(ds) != 1 || ds[0].Channel != store.ChannelWebhook || ds[0].Status != store.DeliveryPending ||
		!strings.Contains(ds[0].LastResult, notify.ErrAddressRefused.Error()) {
		t.Fatalf("the webhook to the metadata address: %+v", ds)
	}
}
