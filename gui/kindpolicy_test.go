package gui

import (
	"context"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/httpserver/servertest"
	"sesame/service/msg"
)

// The partner keys' own maximum, set on the profile in local mode: the Générer row
// offers what the chosen kind allows, and a partner key beyond it is refused with a
// sentence naming the rule, while a firm key still may live forever.
func TestPartnerMaximumOnTheProfileAndAtGeneration(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	h.onFakeClock(time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local))
	pf := h.u.profileScreen.policy
	typeInto(pf.partnerDays, "trois mois")
	h.tap(pf.apply)
	if pf.err.Text != msg.T(service.MsgPartnerPolicyDays, nil) {
		t.Fatalf("a bad partner maximum: %q", pf.err.Text)
	}
	typeInto(pf.partnerDays, "90")
	enter(pf.partnerDays)
	h.wait()
	if h.u.backend.profile.KeyPolicy != (service.KeyPolicy{PartnerMaxLifetimeDays: 90}) || pf.err.Visible() ||
		pf.partnerState.Text != "Clés partenaires : 90 jours au plus." || pf.days.Text != "" {
		t.Fatalf("policy after Enter: %+v, %q, %q", h.u.backend.profile.KeyPolicy, pf.partnerState.Text, pf.err.Text)
	}

	s := h.openKeys("Loop APIkey")
	choices := func() string { return strings.Join(s.gen.expiry.choice.Options, "|") }
	if got := choices(); got != "Jamais|30 jours|90 jours|180 jours|365 jours|Date…" {
		t.Fatalf("a firm key's choices: %s", got)
	}
	s.gen.expiry.choice.SetSelected("30 jours")
	s.gen.kind.SetSelected("Clé partenaire")
	if got := choices(); got != "30 jours|90 jours|Date…" || s.gen.expiry.choice.Selected != "30 jours" {
		t.Fatalf("a partner key's choices: %s (selected %q)", got, s.gen.expiry.choice.Selected)
	}
	s.gen.expiry.choice.SetSelected("Date…")
	typeInto(s.gen.expiry.date, "27/06/2027")
	d := h.choosePartner("ACME trop longue")
	typeInto(d.name, "ACME SAS")
	enter(d.name)
	h.wait()
	want := "Le cabinet limite la durée de vie des clés partenaires à 90 jours : choisissez une expiration plus proche."
	if s.gen.newNameErr.Text != want || s.credentials != nil || s.gen.partner != nil {
		t.Fatalf("a partner key beyond 90 days: %q (credentials %v, partner dialog %v)", s.gen.newNameErr.Text, s.credentials != nil, s.gen.partner != nil)
	}
	typeInto(s.gen.expiry.date, "20/02/2027")
	d = h.choosePartner("ACME trop longue")
	if d.name.Text != "ACME SAS" {
		t.Errorf("the partner typed is lost after the refusal: %q", d.name.Text)
	}
	enter(d.name)
	h.wait()
	if s.credentials == nil {
		t.Fatalf("a partner key within 90 days is refused: %q", s.gen.newNameErr.Text)
	}
	h.closeGenerated()
	s.gen.kind.SetSelected("Clé du cabinet")
	s.gen.expiry.choice.SetSelected("Jamais")
	h.generate("Cabinet sans fin")
	if s.credentials == nil {
		t.Fatalf("a firm key without expiry is refused: %q", s.gen.newNameErr.Text)
	}
	h.closeGenerated()
}

// The partner keys' maximum set on the firm's server (as sesame-server firm policy
// does): the desktop offers what it allows, and the server's refusal names the rule.
func TestPartnerMaximumFromTheServer(t *testing.T) {
	srv := newTestServer(t, nil)
	ev := service.AuditEvent{At: time.Now(), Actor: "ligne de commande", Action: service.AuditPolicy, Tiers: servertest.Tiers}
	if err := srv.Store.SetKeyPolicy(context.Background(), servertest.Tiers, service.KeyPolicy{MaxLifetimeDays: 365, PartnerMaxLifetimeDays: 30}, ev); err != nil {
		t.Fatal(err)
	}
	h := startServerHarness(t, srv, testKeychain(t, srv))
	h.signIn()
	s := h.openKeys("Loop APIkey")
	choices := func() string { return strings.Join(s.gen.expiry.choice.Options, "|") }
	if got := choices(); got != "30 jours|90 jours|180 jours|365 jours|Date…" {
		t.Fatalf("a firm key's choices: %s", got)
	}
	s.gen.kind.SetSelected("Clé partenaire")
	if got := choices(); got != "30 jours|Date…" {
		t.Fatalf("a partner key's choices: %s", got)
	}
	s.gen.expiry.choice.SetSelected("Date…")
	typeInto(s.gen.expiry.date, time.Now().AddDate(0, 0, 60).Format("02/01/2006"))
	d := h.choosePartner("ACME deux mois")
	typeInto(d.name, "ACME SAS")
	enter(d.name)
	h.wait()
	want := "Le cabinet limite la durée de vie des clés partenaires à 30 jours : choisissez une expiration plus proche."
	if s.gen.newNameErr.Text != want || s.credentials != nil {
		t.Fatalf("a partner key of 60 days under 30: %q", s.gen.newNameErr.Text)
	}
	s.gen.expiry.choice.SetSelected("30 jours")
	enter(h.choosePartner("ACME deux mois").name)
	h.wait()
	if s.credentials == nil {
		t.Fatalf("a partner key of 30 days is refused: %q", s.gen.newNameErr.Text)
	}
	h.closeGenerated()
}
