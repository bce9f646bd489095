package assets

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
)

func TestDefaultCatalogue(t *testing.T) {
	c, err := DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Entries) < 8 {
		t.Fatalf("%d services, want at least 8", len(c.Entries))
	}
	for _, name := range []string{"Loop APIkey", "Gestion des Utilisateurs - Administration"} {
		found := false
		for _, e := range c.Entries {
			found = found || e.Name == name && e.AcceptsKeys
		}
		if !found {
			t.Errorf("the catalogue lacks %q accepting keys", name)
		}
	}
	if len(c.Filter("Services en ligne")) < 2 || len(c.KeyServices()) == len(c.Entries) {
		t.Error("expected several online services, and some services without keys")
	}
}

func TestParseCatalogueRefusesBadFiles(t *testing.T) {
	bad := map[string]string{
		"not JSON":         `{`,
		"unknown field":    `{"categories":["A"],"services":[],"extra":1}`,
		"no id":            `{"categories":["A"],"services":[{"name":"S","category":"A"}]}`,
		"duplicate id":     `{"categories":["A"],"services":[{"id":"s","name":"S","category":"A"},{"id":"s","name":"T","category":"A"}]}`,
		"unknown category": `{"categories":["A"],"services":[{"id":"s","name":"S","category":"B"}]}`,
	}
	for name, data := range bad {
		if _, err := ParseCatalogue([]byte(data)); err == nil {
			t.Errorf("%s: accepted", name)
		} else if !strings.HasPrefix(err.Error(), "catalogue: ") {
			t.Errorf("%s: error %q does not say it is about the catalogue", name, err)
		}
	}
}

func TestIconIs512PixelPNG(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Icon()))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 512 {
		t.Fatalf("icon is %dx%d, want 512x512", b.Dx(), b.Dy())
	}
}
