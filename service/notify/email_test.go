package notify_test

import (
	"context"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/notify"
	"sesame/service/notify/notifytest"
	"sesame/service/store"
)

const smtpPassword = "Pa55-smtp-très-secret"

// setSMTP stores the firm's SMTP settings, the password sealed as the server does.
func (f firm) setSMTP(t *testing.T, port int, password string) {
	t.Helper()
	if err := f.st.PutSMTP(context.Background(), store.SMTPSettings{
		Firm: "95963", Host: "127.0.0.1", Port: port, StartTLS: true, User: "sesame@cabinet.fr",
		Password: f.mk.Seal(store.SMTPPasswordLabel("95963"), []byte(password)), From: "sesame@cabinet.fr",
		UpdatedAt: time.Now(), UpdatedBy: "Martin Zoé",
	}); err != nil {
		t.Fatal(err)
	}
}

func (f firm) choose(t *testing.T, login, email, lang string, kinds ...service.NotifyKind) {
	t.Helper()
	if err := f.st.PutNotifyChoice(context.Background(), store.NotifyChoice{Login: login, Firm: "95963", Email: email, Language: lang, Kinds: kinds}); err != nil {
		t.Fatal(err)
	}
}

// parts reads a received message: its decoded subject and its text and HTML parts.
func parts(t *testing.T, data string) (subject, text, html string) {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	subject, err = new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q: %v", m.Header.Get("Content-Type"), err)
	}
	r := multipart.NewReader(m.Body, params["boundary"])
	for {
		p, err := r.NextPart()
		if err != nil {
			break
		}
		b := new(strings.Builder)
		buf := make([]byte, 4096)
		for {
			n, err := p.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		switch ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type")); ct {
		case "text/plain":
			text = b.String()
		case "text/html":
			html = b.String()
		}
	}
	return subject, text, html
}

// A suspended key is told by e-mail, through a real SMTP exchange with STARTTLS and
// AUTH, in French to one administrator and in English to another, plain text and
// HTML; an administrator who did not choose the event gets nothing.
func TestEmailThroughSMTP(t *testing.T) {
	srv := notifytest.StartSMTP(t, "sesame@cabinet.fr", smtpPassword)
	f := newFirm(t)
	f.setSMTP(t, srv.Port, smtpPassword)
	f.choose(t, "zmartin", "zoe@cabinet.fr", "fr", service.NotifyKeySuspended, service.NotifyKeyExpiring)
	f.choose(t, "jsmith", "john@cabinet.fr", "en", service.NotifyKeySuspended)
	if err := f.st.PutNotifyChoice(context.Background(), store.NotifyChoice{Login: "autre", Firm: "77001", Email: "a@autre.fr", Language: "fr", Kinds: service.NotifyKinds}); err != nil {
		t.Fatal(err)
	}
	c := &clock{t: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
	n := f.notifier(c, srv.ClientTLS())
	ctx := context.Background()
	ev := service.Notification{ID: "audit:7", Kind: service.NotifyKeySuspended, Firm: "95963", At: c.Now(),
		KeyID: "K7Q2M4ZP", KeyName: "Export <compta>", Tiers: "10042", Service: "loop-apikey", Detail: "Secret exposé signalé par GitHub"}
	if got, err := n.Enqueue(ctx, ev); err != nil || got != 2 {
		t.Fatalf("Enqueue: %d %v", got, err)
	}
	if got, err := n.Deliver(ctx, 10); err != nil || got != 2 {
		t.Fatalf("Deliver: %d %v", got, err)
	}
	msgs := srv.Messages()
	if len(msgs) != 2 {
		t.Fatalf("%d messages received, want 2", len(msgs))
	}
	byTo := map[string]notifytest.Received{}
	for _, m := range msgs {
		if !m.TLS || m.User != "sesame@cabinet.fr" || m.From != "sesame@cabinet.fr" {
			t.Fatalf("message sent without STARTTLS or AUTH: %+v", m)
		}
		byTo[m.To] = m
	}
	subject, text, html := parts(t, byTo["zoe@cabinet.fr"].Data)
	if subject != "Sésame : la clé d'API « Export <compta> » a été suspendue" ||
		!strings.Contains(text, "Motif : Secret exposé signalé par GitHub") || !strings.Contains(text, "Bonjour,") ||
		!strings.Contains(html, "« Export &lt;compta&gt; »") || !strings.Contains(html, "<p>") {
		t.Fatalf("French e-mail:\n%s\n%s\n%s", subject, text, html)
	}
	subject, text, _ = parts(t, byTo["john@cabinet.fr"].Data)
	if subject != "Sésame: API key “Export <compta>” was suspended" || !strings.Contains(text, "Reason: Secret exposé") {
		t.Fatalf("English e-mail:\n%s\n%s", subject, text)
	}
	for _, m := range msgs {
		if strings.Contains(m.Data, smtpPassword) {
			t.Fatal("the SMTP password is in a message")
		}
	}
	ds, err := f.st.Deliveries(ctx, "95963", store.DeliveryDelivered, 10)
	if err != nil || len(ds) != 2 || !strings.Contains(ds[0].LastResult, "OK") {
		t.Fatalf("delivered: %+v %v", ds, err)
	}
	// Enqueued again (another replica, a scan made twice): nothing more is sent.
	if got, _ := n.Enqueue(ctx, ev); got != 0 {
		t.Fatalf("enqueued again: %d", got)
	}
	if got, _ := n.Deliver(ctx, 10); got != 0 || len(srv.Messages()) != 2 {
		t.Fatalf("sent again: %d, %d messages", got, len(srv.Messages()))
	}
}

// A wrong password and a server that refuses for now: the attempt is recorded with
// the server's reply, retried later, and the reply never holds the password.
func TestEmailRefusedIsRetried(t *testing.T) {
	srv := notifytest.StartSMTP(t, "sesame@cabinet.fr", smtpPassword)
	f := newFirm(t)
	f.setSMTP(t, srv.Port, "wrong-"+smtpPassword)
	f.choose(t, "zmartin", "zoe@cabinet.fr", "fr", service.NotifyPolicyChanged)
	c := &clock{t: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
	n := f.notifier(c, srv.ClientTLS())
	ctx := context.Background()
	if _, err := n.Enqueue(ctx, service.Notification{ID: "audit:3", Kind: service.NotifyPolicyChanged, Firm: "95963", At: c.Now(), Tiers: "95963", Actor: "Martin Zoé"}); err != nil {
		t.Fatal(err)
	}
	if _, err := n.Deliver(ctx, 10); err != nil {
		t.Fatal(err)
	}
	ds, _ := f.st.Deliveries(ctx, "95963", "", 10)
	if len(ds) != 1 || ds[0].Status != store.DeliveryPending || !strings.Contains(ds[0].LastResult, "535") ||
		!ds[0].NextAt.Equal(c.Now().Add(notify.FirstRetry)) || strings.Contains(ds[0].LastResult, smtpPassword) {
		t.Fatalf("after a refused AUTH: %+v", ds)
	}
	f.setSMTP(t, srv.Port, smtpPassword)
	srv.SetDown(true)
	c.Set(ds[0].NextAt)
	if _, err := n.Deliver(ctx, 10); err != nil {
		t.Fatal(err)
	}
	ds, _ = f.st.Deliveries(ctx, "95963", "", 10)
	if ds[0].Status != store.DeliveryPending || !strings.Contains(ds[0].LastResult, "451") || ds[0].Attempts != 2 {
		t.Fatalf("after a 451: %+v", ds)
	}
	srv.SetDown(false)
	c.Set(ds[0].NextAt)
	if _, err := n.Deliver(ctx, 10); err != nil {
		t.Fatal(err)
	}
	ds, _ = f.st.Deliveries(ctx, "95963", "", 10)
	if ds[0].Status != store.DeliveryDelivered || len(srv.Messages()) != 1 || ds[0].Attempts != 3 {
		t.Fatalf("after the server came back: %+v, %d messages", ds, len(srv.Messages()))
	}
	subject, _, _ := parts(t, srv.Messages()[0].Data)
	if subject != "Sésame : la politique des clés d'API du cabinet a changé" {
		t.Fatalf("subject %q", subject)
	}
}

// The sealed head's e-mail carries what audit verify compares: the sealed event's
// number, its hash and the seal, in French and English.
func TestSealedHeadEmail(t *testing.T) {
	n := service.Notification{ID: "seal:7", Kind: service.NotifyJournalSealed, At: time.Date(2026, 12, 7, 0, 10, 0, 0, time.UTC),
		SealID: 7, SealedSeq: 1290, SealedHash: "9f2c4e1a0b7d3c5e", SealMAC: "d1abc14d8da5c05f"}
	for _, lang := range []string{"fr", "en"} {
		subject, text, html := notify.Render(n, notify.Language(lang))
		for _, want := range []string{"1290", "9f2c4e1a0b7d3c5e", "d1abc14d8da5c05f", "07/12/2026 00:10 UTC"} {
			if !strings.Contains(text, want) || !strings.Contains(html, want) {
				t.Errorf("%s: the e-mail lacks %q:\n%s", lang, want, text)
			}
		}
		if !strings.Contains(subject, "7") || !strings.Contains(text, "audit verify") {
			t.Errorf("%s: %q\n%s", lang, subject, text)
		}
	}
}
