package gui

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

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

// generatePartner generates a partner key through the partner dialog and closes its
// credentials.
func (h *harness) generatePartner(keyName string, p service.Partner) {
	h.t.Helper()
	d := h.choosePartner(keyName)
	typeInto(d.name, p.Name)
	typeInto(d.siret, p.SIRET)
	typeInto(d.contact, p.ContactName)
	typeInto(d.email, p.ContactEmail)
	enter(d.email)
	h.wait()
	h.closeGenerated()
	h.u.keysScreen.gen.kind.SetSelected("Clé du cabinet")
}

// The kind in the table (a « Type » column beside the name, first to give way), in
// the criteria (Tous, Cabinet, Partenaire and the partner's name) and in the details.
func TestKindInTableCriteriaAndDetails(t *testing.T) {
	forEachBackend(t, func(t *testing.T, h *harness) {
		s := h.openKeys("Loop APIkey")
		h.generate("Interne")
		h.closeGenerated()
		h.win.Resize(fyne.NewSize(1366, 768))
		h.wait()
		if slices.Contains(s.table.cols, typeColumn) {
			t.Errorf("with no partner key the table shows a « Type » column (columns %v)", s.table.cols)
		}
		h.generatePartner("Échanges ACME", service.Partner{Name: "ACME SAS", SIRET: "73282932000074", ContactName: "Jeanne Martin", ContactEmail: "jeanne.martin@acme.fr"})
		h.generatePartner("Flux boulangerie", service.Partner{Name: "Boulangerie Martin"})
		if got := column(s.table, typeColumn); !slices.Equal(got, []string{"Partenaire : Boulangerie Martin", "Partenaire : ACME SAS", "Cabinet"}) {
			t.Errorf("the « Type » column says %q", got)
		}
		checkFits(t, h, 1366, "with partner keys")
		if len(s.table.cols) < 2 || s.table.cols[1] != typeColumn || headerButton(s.table, typeColumn).Text != "Type" {
			t.Errorf("at 1366 px the « Type » column is not beside the name (columns %v)", s.table.cols)
		}
		checkFits(t, h, 683, "with partner keys")
		if slices.Contains(s.table.cols, typeColumn) || !slices.Contains(s.table.cols, 1) || !slices.Contains(s.table.cols, 4) {
			t.Errorf("at 683 px the « Type » column is not the first to give way (columns %v)", s.table.cols)
		}

		c := s.criteria
		c.showCriteria(true)
		if c.partner.Disabled() == false {
			t.Error("the partner's name is offered with « Tous »")
		}
		filter := func(kind, partner string) []string {
			t.Helper()
			c.kind.SetSelected(kind)
			if partner != "" {
				typeInto(c.partner, partner)
			}
			h.tap(c.filter)
			return column(s.table, 0)
		}
		if got := filter("Partenaire", "acme"); !slices.Equal(got, []string{"Échanges ACME"}) || !containsAll(c.summary.Text, "partenaire contenant « acme »") {
			t.Errorf("Partenaire « acme »: %q, summary %q", got, c.summary.Text)
		}
		if got := filter("Partenaire", ""); len(got) != 1 {
			t.Errorf("the partner's name typed stays: %q", got)
		}
		typeInto(c.partner, "")
		if got := filter("Partenaire", ""); !slices.Equal(got, []string{"Flux boulangerie", "Échanges ACME"}) || !containsAll(c.summary.Text, "clés partenaires") {
			t.Errorf("Partenaire: %q, summary %q", got, c.summary.Text)
		}
		if got := filter("Cabinet", ""); !slices.Equal(got, []string{"Interne"}) || !c.partner.Disabled() || !containsAll(c.summary.Text, "clés du cabinet") {
			t.Errorf("Cabinet: %q, summary %q", got, c.summary.Text)
		}
		if slices.Contains(s.table.cols, typeColumn) {
			t.Error("a table of firm keys only shows a « Type » column")
		}
		h.tap(c.reset)
		if got := column(s.table, 0); len(got) != 3 || c.kind.Selected != "Tous" {
			t.Errorf("Réinitialiser: %q, Type %q", got, c.kind.Selected)
		}

		h.win.Resize(fyne.NewSize(1366, 768))
		s.table.onSelected(widget.TableCellID{Row: rowOf(t, s.table, "Échanges ACME")})
		h.wait()
		d := h.topOverlay()
		for _, want := range []string{"Clé partenaire", "ACME SAS — SIRET 73282932000074", "Jeanne Martin <jeanne.martin@acme.fr>"} {
			if !textIn(d, want) {
				t.Errorf("the details lack %q", want)
			}
		}
		s.details.dlg.Hide()
		s.table.onSelected(widget.TableCellID{Row: rowOf(t, s.table, "Interne")})
		h.wait()
		if d := h.topOverlay(); !textIn(d, "Clé du cabinet") || textIn(d, "Partenaire") {
			t.Error("the details of a firm key do not say « Clé du cabinet », or name a partner")
		}
		s.details.dlg.Hide()
	})
}
