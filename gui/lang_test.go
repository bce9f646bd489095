package gui

import (
	"encoding/json"
	"testing"

	"fyne.io/fyne/v2/lang"

	"sesame/assets"
	"sesame/service"
)

func TestEnglishWhenTheSystemSpeaksEnglishFrenchOtherwise(t *testing.T) {
	defer func() { // back to French for the other tests
		t.Setenv("LANG", "fr_FR.UTF-8")
		if err := setUpLanguage(); err != nil {
			t.Fatal(err)
		}
	}()
	for _, c := range []struct {
		env                      string
		generate, taken, catalog string
	}{
		{"en_US.UTF-8", "Generate", "An active API key already has this name for this third party and this service.", "Service catalogue"},
		{"en_GB.UTF-8", "Generate", "An active API key already has this name for this third party and this service.", "Service catalogue"},
		{"fr_FR.UTF-8", "Générer", "Une clé d'API active porte déjà ce nom pour ce tiers et ce service.", "Catalogue de services"},
		{"de_DE.UTF-8", "Générer", "Une clé d'API active porte déjà ce nom pour ce tiers et ce service.", "Catalogue de services"},
		{"it_IT.UTF-8", "Générer", "Une clé d'API active porte déjà ce nom pour ce tiers et ce service.", "Catalogue de services"},
		{"C", "Générer", "Une clé d'API active porte déjà ce nom pour ce tiers et ce service.", "Catalogue de services"},
	} {
		t.Setenv("LANG", c.env)
		if err := setUpLanguage(); err != nil {
			t.Fatal(err)
		}
		if got := lang.L("ui.generer"); got != c.generate {
			t.Errorf("LANG=%s: Générer reads %q, want %q", c.env, got, c.generate)
		}
		if got := message(service.Errorf(service.ECONFLICT, service.MsgKeyNameTaken, nil)); got != c.taken {
			t.Errorf("LANG=%s: duplicate name message %q, want %q", c.env, got, c.taken)
		}
		// A whole screen follows.
		h := newHarness(t)
		h.setUpFirm()
		if got := h.u.profileScreen.catalogue.Text; got != c.catalog {
			t.Errorf("LANG=%s: the profile's button reads %q, want %q", c.env, got, c.catalog)
		}
	}
}

// The catalogue's categories and descriptions are data, translated by their French
// text (dataText): each one Sésame ships has its English, and the file holds nothing
// else. The app's own sentences are codes of assets/messages, which service/msg's
// tests hold to the code of every package.
func TestCatalogueDataHasItsEnglish(t *testing.T) {
	def, err := assets.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, c := range def.Categories {
		want[c] = true
	}
	for _, e := range def.Entries {
		want[e.Description] = true
	}
	data, err := assets.Translations.ReadFile("translations/en.json")
	if err != nil {
		t.Fatal(err)
	}
	var en map[string]string
	if err := json.Unmarshal(data, &en); err != nil {
		t.Fatal(err)
	}
	for k := range want {
		if en[k] == "" {
			t.Errorf("en.json lacks the catalogue's %q", k)
		}
	}
	for k := range en {
		if !want[k] {
			t.Errorf("en.json has %q, which the catalogue does not", k)
		}
	}
}
