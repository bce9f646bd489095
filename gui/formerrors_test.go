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

		d := h.openSettings()
		d.mode.SetSelected("Serveur du cabinet")
		apply := where(d.apply)
		typeInto(&d.serverURL.Entry, "sesame.cabinet.fr")
		h.tap(d.apply)
		if !d.urlErr.Visible() {
			t.Fatalf("%v: a bad server address shows no error", size)
		}
		if where(d.apply) != apply {
			t.Errorf("%v: the address's error moved Appliquer %v → %v", size, apply, where(d.apply))
		}
	}
}
