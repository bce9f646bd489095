package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sesame/service"
)

// Restrictions at generation and later, as an administrator sets them: a bad
// address is said beside the field, quoting it, with the section opened; the key is
// generated with the ranges merged; its details say them and « Restrictions… »
// changes them (Enter saves, Escape closes); a change made meanwhile by another
// administrator is told in the dialog, which stays open. On the local Portal and on
// the firm's server; on the server, the details show the refusals.
func TestRestrictionsAtGenerationAndInTheDetails(t *testing.T) {
	forEachBackend(t, func(t *testing.T, h *harness) {
		s := h.openKeys("Loop APIkey")
		f := s.gen.restrict
		typeInto(f.addresses, "10.0.0.0/25\n192.168.1.300")
		typeInto(s.gen.newName, "Synchro banque")
		enter(s.gen.newName)
		h.wait()
		if !strings.Contains(f.addrErr.Text, "« 192.168.1.300 »") || !s.gen.restrictBox.Visible() || s.credentials != nil {
			t.Fatalf("a bad address: %q (section open %v)", f.addrErr.Text, s.gen.restrictBox.Visible())
		}
		typeInto(f.addresses, "10.0.0.0/25\n10.0.0.128/25\n2001:db8::1")
		f.readOnly.SetChecked(true)
		typeInto(f.rate, "600")
		enter(f.rate) // Enter in the rate generates
		h.wait()
		if s.credentials == nil {
			t.Fatalf("not generated: %q %q %q", s.gen.newNameErr.Text, f.addrErr.Text, f.rateErr.Text)
		}
		h.closeGenerated()
		if f.addresses.Text != "" || f.readOnly.Checked || f.rate.Text != "" {
			t.Error("the section keeps the restrictions of the key generated")
		}
		k := s.table.keys[rowOf(t, s.table, "Synchro banque")]
		if got := k.Restrictions.String(); got != "addresses=10.0.0.0/24,2001:db8::1 read-only rate=600 burst=600" {
			t.Fatalf("the key's restrictions: %s", got)
		}

		d := h.openDetails("Synchro banque")
		if !textIn(d.form, "adresses 10.0.0.0/24, 2001:db8::1 ; lecture seule ; 600 requêtes par minute (rafale 600)") {
			t.Fatal("the details do not say the restrictions")
		}
		if h.server != nil && !textIn(d.form, "aucun") {
			t.Error("the details do not say the key was never refused")
		}
		h.tap(d.restrict)
		r := s.restricting
		if r == nil || r.fields.addresses.Text != "10.0.0.0/24\n2001:db8::1" || !r.fields.readOnly.Checked || r.fields.rate.Text != "600" {
			t.Fatal("« Restrictions… » does not open on the key's restrictions")
		}
		// Meanwhile, another administrator lifts the read-only flag.
		if _, err := h.portal().Restrict(context.Background(), service.RestrictRequest{KeyID: k.ID, FromVersion: k.RestrictionsVersion,
			Restrictions: service.RestrictionsInput{Addresses: []string{"10.0.0.0/24"}}}); err != nil {
			t.Fatal(err)
		}
		typeInto(r.fields.rate, "60")
		enter(r.fields.rate)
		h.wait()
		if !strings.Contains(r.errMsg.Text, "entre-temps") || !(h.topOverlay() != nil) {
			t.Fatalf("a change over another administrator's: %q (open %v)", r.errMsg.Text, (h.topOverlay() != nil))
		}
		r.fields.addresses.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if h.topOverlay() != nil {
			t.Fatal("Escape does not close « Restrictions… »")
		}
		s.table.load(true)
		h.wait()
		d = h.openDetails("Synchro banque")
		h.tap(d.restrict)
		r = s.restricting
		typeInto(r.fields.addresses, "fe80::1%eth0")
		enter(r.fields.rate)
		if !strings.Contains(r.fields.addrErr.Text, "« fe80::1%eth0 »") {
			t.Fatalf("a zone: %q", r.fields.addrErr.Text)
		}
		typeInto(r.fields.addresses, "")
		typeInto(r.fields.rate, "60")
		test.Tap(r.save)
		h.wait()
		if h.topOverlay() != nil {
			t.Fatalf("not saved: %q %q", r.errMsg.Text, r.fields.rateErr.Text)
		}
		k = s.table.keys[rowOf(t, s.table, "Synchro banque")]
		if got := k.Restrictions.String(); got != "rate=60 burst=60" || k.RestrictionsVersion != 3 {
			t.Fatalf("after saving: %s v%d", got, k.RestrictionsVersion)
		}
	})
}

// The firm's rule in local mode, on the profile: « Restriction d'adresse exigée »
// for partner keys refuses a partner key without an allowed address, the sentence
// naming the rule under the addresses, the section unfolded; a firm key is free.
func TestAddressRuleOnTheProfile(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	pf := h.u.profileScreen.policy
	pf.partnerAddr.SetChecked(true)
	h.tap(pf.apply)
	h.wait()
	if !h.u.backend.profile.KeyPolicy.PartnerAddressRequired || h.u.backend.profile.KeyPolicy.FirmAddressRequired {
		t.Fatalf("policy after Appliquer: %+v", h.u.backend.profile.KeyPolicy)
	}
	s := h.openKeys("Loop APIkey")
	s.gen.expiry.choice.SetSelected("90 jours")
	s.gen.kind.SetSelected("Clé partenaire")
	d := h.choosePartner("ACME sans adresse")
	typeInto(d.name, "ACME SAS")
	enter(d.name)
	h.wait()
	if !strings.Contains(s.gen.restrict.addrErr.Text, "exige une restriction d'adresse pour les clés partenaires") ||
		!s.gen.restrictBox.Visible() || s.credentials != nil {
		t.Fatalf("a partner key without address under the rule: %q", s.gen.restrict.addrErr.Text)
	}
	typeInto(s.gen.restrict.addresses, "198.51.100.0/24")
	d = h.choosePartner("ACME sans adresse")
	enter(d.name)
	h.wait()
	if s.credentials == nil {
		t.Fatalf("a partner key with an address is refused: %q %q", s.gen.restrict.addrErr.Text, s.gen.newNameErr.Text)
	}
	h.closeGenerated()
	s.gen.kind.SetSelected("Clé du cabinet")
	h.generate("Cabinet libre")
	if s.credentials == nil {
		t.Fatalf("a firm key without address is refused: %q", s.gen.restrict.addrErr.Text)
	}
	h.closeGenerated()
}
