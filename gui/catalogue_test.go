package gui

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"sesame/assets"
	"sesame/gui/widgets"
)

// catalogueRowFor renders the catalogue's row of a service as the list would.
func (h *harness) catalogueRowFor(name string) *catalogueRow {
	h.t.Helper()
	c := h.u.catalogueScreen
	for i, e := range c.shown {
		if e.Name == name {
			o := c.list.CreateItem()
			c.list.UpdateItem(i, o)
			return c.rows[o]
		}
	}
	h.t.Fatalf("the catalogue does not show %q", name)
	return nil
}

func TestCatalogueFilterAndKeyButton(t *testing.T) {
	forEachBackend(t, testCatalogueFilterAndKeyButton)
}

func testCatalogueFilterAndKeyButton(t *testing.T, h *harness) {
	h.tap(h.u.profileScreen.catalogue)
	c := h.u.catalogueScreen
	def, err := assets.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	if want := append([]string{"Toutes"}, def.Categories...); !slices.Equal(c.category.Options, want) {
		t.Errorf("categories %q, want %q", c.category.Options, want)
	}
	all := c.list.Length()
	if all != len(def.Entries) || all < 8 {
		t.Fatalf("the catalogue lists %d services, want all %d", all, len(def.Entries))
	}
	c.category.SetSelected("Comptabilité")
	h.tap(c.filter)
	n := c.list.Length()
	if n == 0 || n >= all {
		t.Fatalf("filtering by Comptabilité leaves %d of %d services", n, all)
	}
	for _, e := range c.shown {
		if e.Category != "Comptabilité" {
			t.Errorf("%q of category %q shown under Comptabilité", e.Name, e.Category)
		}
	}
	if !strings.HasPrefix(c.count.Text, strconv.Itoa(n)+" service") {
		t.Errorf("count says %q for %d services", c.count.Text, n)
	}

	c.category.SetSelected("Services en ligne")
	h.tap(c.filter)
	if r := h.catalogueRowFor("Portail client"); r.key.Visible() {
		t.Error("Portail client accepts no keys but carries a key button")
	}
	r := h.catalogueRowFor("Loop APIkey")
	if !r.key.Visible() || r.key.AccessibilityLabel() != "Clés d'API" {
		t.Fatalf("Loop APIkey's key button: visible=%v, accessible label %q", r.key.Visible(), r.key.AccessibilityLabel())
	}
	if r.category.Text != "Services en ligne" || r.desc.Text == "" {
		t.Errorf("row shows category %q, description %q", r.category.Text, r.desc.Text)
	}
	h.tap(r.key)
	if got := h.win.Title(); got != "Sésame — Liste des clés d'API pour le service Loop APIkey" {
		t.Errorf("keys page title %q", got)
	}
	h.tap(h.u.keysScreen.back)
	if h.win.Title() != "Sésame — Catalogue de services" || h.u.catalogueScreen.category.Selected != "Services en ligne" {
		t.Errorf("back leads to %q with category %q", h.win.Title(), h.u.catalogueScreen.category.Selected)
	}
}

func TestCatalogueShowsItsCategoryWholeAndLabelledKeyButtons(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	h.win.Resize(fyne.NewSize(683, 540))
	h.tap(h.u.profileScreen.catalogue)
	c := h.u.catalogueScreen
	c.category.SetSelected("Services en ligne")
	h.tap(c.filter)
	need := fyne.MeasureText("Services en ligne", theme.TextSize(), fyne.TextStyle{}).Width + theme.IconInlineSize() + 2*theme.InnerPadding()
	if w := c.category.Size().Width; w < need {
		t.Errorf("the category box is %v px wide, %q needs %v", w, "Services en ligne", need)
	}
	h.win.Canvas().Capture()
	var keys []*widgets.Button
	for _, o := range test.LaidOutObjects(c.list) {
		if b, ok := o.(*widgets.Button); ok && b.Visible() {
			keys = append(keys, b)
		}
	}
	if len(keys) == 0 {
		t.Fatal("no key button in the catalogue")
	}
	listRight := fyne.CurrentApp().Driver().AbsolutePositionForObject(c.list).X + c.list.Size().Width
	for _, b := range keys {
		if b.Text != "Clés d'API" {
			t.Errorf("a key button reads %q", b.Text)
		}
		right := fyne.CurrentApp().Driver().AbsolutePositionForObject(b).X + b.Size().Width
		if right > listRight-theme.Size(theme.SizeNameScrollBar) {
			t.Errorf("a key button ends at %v, under the scroll bar (list ends at %v)", right, listRight)
		}
	}
}
