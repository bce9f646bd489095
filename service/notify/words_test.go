package notify_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/msg"
	"sesame/service/notify"
)

// An e-mail says a suspension's reason and a policy's new rules in the words the
// CSV export and the desktop use, in the recipient's language, never the journal's
// codes.
func TestEmailSaysDetailsInWords(t *testing.T) {
	at := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	policy := service.PolicyDetail(service.KeyPolicy{MaxLifetimeDays: 90, FirmAddressRequired: true})
	for _, tc := range []struct {
		n      service.Notification
		raw    string
		fr, en []string
	}{
		{service.Notification{Kind: service.NotifyKeySuspended, At: at, KeyName: "Export", Detail: service.SuspendReasonHandoverCodes},
			service.SuspendReasonHandoverCodes,
			[]string{"Motif : Trop de codes erronés saisis sur le lien de remise"},
			[]string{"Too many wrong codes typed on the handover link"}},
		{service.Notification{Kind: service.NotifyPolicyChanged, At: at, Tiers: "95963", Actor: "Martin Zoé", Detail: policy},
			"max-lifetime-days",
			[]string{"Durée de vie maximale : 90 jours", "Restriction d'adresse exigée pour les clés du cabinet"},
			[]string{"90 days", "Address restriction required on the firm's keys"}},
	} {
		for lang, want := range map[string][]string{"fr": tc.fr, "en": tc.en} {
			_, text, html := notify.Render(tc.n, notify.Language(lang))
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("%s e-mail in %s lacks %q:\n%s", tc.n.Kind, lang, w, text)
				}
			}
			if strings.Contains(text, tc.raw) || strings.Contains(html, tc.raw) {
				t.Errorf("%s e-mail in %s shows the journal's code %q:\n%s", tc.n.Kind, lang, tc.raw, text)
			}
		}
	}
}

// A webhook's body keeps the journal's detail for programs and adds it in words,
// French and English, as the e-mail says it.
func TestWebhookCarriesDetailInWords(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
	f, rc, _, n := webhookFirm(t, c)
	ctx := context.Background()
	if err := n.Scan(ctx); err != nil { // the first scan: the present
		t.Fatal(err)
	}
	k := addKey(t, f.st, "Partenaire Durand", c.Now(), time.Time{})
	if _, err := f.st.SuspendKey(ctx, k.ID, service.Suspension{At: c.Now(), By: "Remise sécurisée", Reason: service.SuspendReasonHandoverCodes},
		service.AuditEvent{At: c.Now(), Actor: "Remise sécurisée", Action: service.AuditSuspend, KeyID: k.ID, KeyName: k.Name, Tiers: k.Tiers,
			Detail: service.SuspendReasonHandoverCodes}); err != nil {
		t.Fatal(err)
	}
	if err := n.Scan(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := n.Deliver(ctx, 10); err != nil {
		t.Fatal(err)
	}
	got := rc.received()
	if len(got) != 1 {
		t.Fatalf("received %+v", got)
	}
	want := map[string]string{
		"fr": msg.Text(service.MsgHandoverCodesWhy, msg.French, nil),
		"en": msg.Text(service.MsgHandoverCodesWhy, msg.English, nil),
	}
	if got[0].Detail != service.SuspendReasonHandoverCodes || got[0].DetailText["fr"] != want["fr"] || got[0].DetailText["en"] != want["en"] ||
		want["en"] != "Too many wrong codes typed on the handover link" {
		t.Fatalf("webhook detail %q, in words %v; want %q and %v", got[0].Detail, got[0].DetailText, service.SuspendReasonHandoverCodes, want)
	}
}
