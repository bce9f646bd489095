package gui

import (
	"bytes"
	"log"
	"strings"
	"testing"
)

func TestEnglishCatalogueAndNoTranslationFailure(t *testing.T) {
	var logged bytes.Buffer
	log.SetOutput(&logged)
	defer log.SetOutput(nil)
	defer func() { // back to French for the other tests
		t.Setenv("LANG", "fr_FR.UTF-8")
		if err := setUpLanguage(); err != nil {
			t.Fatal(err)
		}
	}()
	t.Setenv("LANG", "en_US.UTF-8")
	h := newHarness(t)
	s := h.u.setupScreen
	typeInto(s.sic, "95963")
	typeInto(s.firm, "FUTUROSCOPE CEDEX")
	typeInto(s.admin, "Delhumeau Vincent")
	enter(s.admin)
	h.wait()
	h.tap(h.u.profileScreen.catalogue)
	row := h.catalogueRowFor("Loop APIkey")
	if row.desc.Text != "API keys of the applications that call Loop's public APIs." || row.category.Text != "Online services" {
		t.Errorf("the English catalogue shows %q, %q", row.category.Text, row.desc.Text)
	}
	h.tap(row.key)
	ks := h.u.keysScreen
	for _, col := range ks.table.cols { // the columns shown
		if c := keyColumns[col]; c.title != "" && headerButton(ks.table, col).Text == "" {
			t.Errorf("the header of column %d (%s) is blank", col, c.title)
		}
	}
	h.generate("Payroll")
	g := ks.credentials
	g.onRequestClose()
	g.confirm.Enter()
	h.wait()
	h.win.Canvas().Capture() // draws every cell and header
	h.tap(ks.back)
	h.tap(h.u.catalogueScreen.back)
	h.tap(h.u.profileScreen.settings)
	h.win.Canvas().Capture()
	if strings.Contains(logged.String(), "Translation failure") {
		t.Errorf("the English app logged translation failures:\n%s", logged.String())
	}
}
