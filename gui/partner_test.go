package gui

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"

	"sesame/service"
)

// choosePartner picks « Clé partenaire », names the key and presses Enter: the
// partner dialog opens.
func (h *harness) choosePartner(keyName string) *partnerDialog {
	h.t.Helper()
	g := h.u.keysScreen.gen
	g.kind.SetSelected("Clé partenaire")
	h.generate(keyName)
	if g.partner == nil || h.topOverlay() == nil {
		h.t.Fatal("Générer with « Clé partenaire » asks nothing about the partner")
	}
	return g.partner
}

// storedKey is the key named name as the Portal lists it.
func (h *harness) storedKey(name string) service.Key {
	h.t.Helper()
	s := h.u.keysScreen
	f := s.criteria.applied
	f.NameContains = name
	page, err := h.portal().ListKeys(context.Background(), f)
	if err != nil || len(page.Keys) != 1 {
		h.t.Fatalf("listing %q: %d keys, %v", name, len(page.Keys), err)
	}
	return page.Keys[0]
}

// A partner key: the dialog asks who receives it, refuses what the service refuses
// with its sentence under the field, keeps what was typed over Escape, and the key
// generated is the partner's; a firm key asks nothing.
func TestGeneratePartnerKey(t *testing.T) {
	forEachBackend(t, func(t *testing.T, h *harness) {
		s := h.openKeys("Loop APIkey")
		if s.gen.kind.Selected != "Clé du cabinet" {
			t.Fatalf("the kind chosen at first is %q", s.gen.kind.Selected)
		}
		h.generate("Cabinet interne")
		if s.credentials == nil || s.gen.partner != nil {
			t.Fatal("a firm key does not go straight to its credentials")
		}
		h.closeGenerated()
		if k := h.storedKey("Cabinet interne"); k.Kind != service.KindFirm || k.Partner != nil {
			t.Errorf("the firm key is stored as %q %+v", k.Kind, k.Partner)
		}

		d := h.choosePartner("Échanges ACME")
		if h.win.Canvas().Focused() != d.name {
			t.Error("the cursor is not in « Nom de l'entreprise »")
		}
		var labels []string
		for _, it := range d.form.Items {
			labels = append(labels, it.Text)
		}
		if want := []string{"Nom de l'entreprise", "SIRET (facultatif)", "Nom du contact", "E-mail du contact"}; !slices.Equal(labels, want) || d.siret.PlaceHolder != "14 chiffres" {
			t.Errorf("the dialog's fields are %q, want %q", labels, want)
		}
		// Enter with no company: the sentence under the name.
		enter(d.name)
		h.wait()
		if !d.nameErr.Visible() || d.nameErr.Text != "Indiquez le nom du partenaire à qui la clé est remise." {
			t.Errorf("no company: %q", d.nameErr.Text)
		}
		typeInto(d.name, "ACME SAS")
		typeInto(d.siret, "732 829 320 00075")
		typeInto(d.email, "contact@acme")
		enter(d.email)
		h.wait()
		if d.nameErr.Visible() || !d.siretErr.Visible() || !containsAll(d.siretErr.Text, "« 732 829 320 00075 »", "14 chiffres") {
			t.Errorf("a bad SIRET: name %q, SIRET %q", d.nameErr.Text, d.siretErr.Text)
		}
		if h.win.Canvas().Focused() != d.siret {
			t.Error("the cursor is not in the field refused")
		}
		typeInto(d.siret, "732 829 320 00074")
		enter(d.siret)
		h.wait()
		if d.siretErr.Visible() || !containsAll(d.emailErr.Text, "« contact@acme »") {
			t.Errorf("a bad e-mail: SIRET %q, e-mail %q", d.siretErr.Text, d.emailErr.Text)
		}
		// Escape closes it; nothing generated, and what was typed comes back.
		d.email.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		h.wait()
		if h.topOverlay() != nil || s.gen.partner != nil || s.credentials != nil {
			t.Fatal("Escape does not close the partner dialog, or generates")
		}
		d = h.choosePartner("Échanges ACME")
		if d.name.Text != "ACME SAS" || d.email.Text != "contact@acme" {
			t.Errorf("reopened: %q %q", d.name.Text, d.email.Text)
		}
		typeInto(d.contact, "Jeanne Martin")
		typeInto(d.email, "jeanne.martin@acme.fr")
		h.win.Canvas().Unfocus()
		h.win.Canvas().OnTypedKey()(&keyReturn) // Enter, wherever the focus is
		h.wait()
		if s.credentials == nil || s.gen.partner != nil {
			t.Fatal("a valid partner does not generate the key")
		}
		h.closeGenerated()
		k := h.storedKey("Échanges ACME")
		want := service.Partner{Name: "ACME SAS", SIRET: "73282932000074", ContactName: "Jeanne Martin", ContactEmail: "jeanne.martin@acme.fr"}
		if k.Kind != service.KindPartner || k.Partner == nil || *k.Partner != want {
			t.Errorf("the partner key is stored as %q %+v", k.Kind, k.Partner)
		}
		// The next partner key starts from empty fields.
		if d := h.choosePartner("Deuxième"); d.name.Text != "" || d.siret.Text != "" {
			t.Errorf("the next partner key's fields hold %q %q", d.name.Text, d.siret.Text)
		}
	})
}
