package gui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// where is o on the window, and how big: what the user sees move when it changes.
func where(o fyne.CanvasObject) fyne.Position {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
}

// Issue 21, item 11: an error line appears in a space kept for it; the fields and
// buttons around it stay where the user's eyes and pointer are.
func TestErrorLinesDoNotPushTheFields(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1366, Height: 683}, {Width: 683, Height: 480}} {
		h := newHarness(t)
		h.win.Resize(size)
		s := h.u.setupScreen
		firm, submit := where(s.firm), where(s.submit)
		typeInto(s.sic, "95 963")
		h.tap(s.submit)
		if !s.sicErr.Visible() {
			t.Fatalf("%v: a bad SIC code shows no error", size)
		}
		if where(s.firm) != firm || where(s.submit) != submit {
			t.Errorf("%v: the SIC code's error moved « Nom du cabinet » %v → %v and Créer %v → %v",
				size, firm, where(s.firm), submit, where(s.submit))
		}

		h.setUpFirm()
		k := h.openKeys("Loop APIkey")
		name, table, tableSize := where(k.gen.newName), where(k.table.table), k.table.table.Size()
		h.generateWith("Clé datée", "Date…", "31/02/2027")
		if !k.gen.newNameErr.Visible() {
			t.Fatalf("%v: a bad date shows no error", size)
		}
		if where(k.gen.newName) != name || where(k.table.table) != table || k.table.table.Size() != tableSize {
			t.Errorf("%v: the date's error moved the name field %v → %v, the table %v %v → %v %v", size,
				name, where(k.gen.newName), table, tableSize, where(k.table.table), k.table.table.Size())
		}

		k.gen.expiry.choice.SetSelectedIndex(0)
		d := h.choosePartner("Échanges ACME")
		siret, email := where(d.siret), where(d.email)
		enter(d.name)
		h.wait()
		if !d.nameErr.Visible() {
			t.Fatalf("%v: a partner without a name shows no error", size)
		}
		if where(d.siret) != siret || where(d.email) != email {
			t.Errorf("%v: the partner's name error moved SIRET %v → %v, the e-mail %v → %v", size,
				siret, where(d.siret), email, where(d.email))
		}
		d.dlg.Hide()
		k.gen.closePartner(false)
		k.gen.kind.SetSelected("Clé du cabinet")

		c := k.criteria
		c.showCriteria(true)
		h.wait()
		filter, table, tableSize := where(c.filter), where(k.table.table), k.table.table.Size()
		typeInto(c.expiresBefore, "31/02/2027")
		h.tap(c.filter)
		if !c.criteriaErr.Visible() {
			t.Fatalf("%v: a bad « Expire avant » date shows no error", size)
		}
		if where(c.filter) != filter || where(k.table.table) != table || k.table.table.Size() != tableSize {
			t.Errorf("%v: the criteria's error moved Filtrer %v → %v, the table %v %v → %v %v", size,
				filter, where(c.filter), table, tableSize, where(k.table.table), k.table.table.Size())
		}
		typeInto(c.expiresBefore, "")
		h.tap(c.filter)
		h.tap(k.back)
		h.tap(h.u.catalogueScreen.back)

		pf := h.u.profileScreen
		pol, attach := pf.policy.box().MinSize(), where(pf.attach.name)
		typeInto(pf.policy.days, "abc")
		h.tap(pf.policy.apply)
		typeInto(pf.attach.code, "95 963")
		h.tap(pf.attach.submit)
		if !pf.policy.err.Visible() || !pf.attach.codeErr.Visible() {
			t.Fatalf("%v: a maximum of « abc » days or a bad tiers code shows no error", size)
		}
		if pf.policy.box().MinSize() != pol || where(pf.attach.name) != attach {
			t.Errorf("%v: the firm maximum's error grew its card %v → %v; the tiers code's moved « Nom » %v → %v",
				size, pol, pf.policy.box().MinSize(), attach, where(pf.attach.name))
		}

		st := h.openSettings()
		st.mode.SetSelected("Serveur du cabinet")
		apply := where(st.apply)
		typeInto(&st.serverURL.Entry, "sesame.cabinet.fr")
		h.tap(st.apply)
		if !st.urlErr.Visible() {
			t.Fatalf("%v: a bad server address shows no error", size)
		}
		if where(st.apply) != apply {
			t.Errorf("%v: the address's error moved Appliquer %v → %v", size, apply, where(st.apply))
		}
	}
}
