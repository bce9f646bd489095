// Package assets holds what Sésame ships inside its binaries: the icon, the default
// service catalogue and its English, embedded with go:embed (the message catalogue
// is in sesame/assets/messages, the small HTML pages' style sheet in
// sesame/assets/pagestyle).
package assets

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"

	"sesame/service"
)

//go:embed icon.png
var icon []byte

//go:embed catalogue.json
var catalogueJSON []byte

// Translations holds translations/en.json: the English of the default catalogue's
// categories and descriptions, keyed by their French text. They are data, which a
// firm's server may replace; the app's own sentences are codes of the message
// catalogue (sesame/assets/messages).
//
//go:embed translations
var Translations embed.FS

// Icon returns the 512 px application icon (PNG).
func Icon() []byte { return icon }

// DefaultCatalogue returns the catalogue a new store is seeded with.
func DefaultCatalogue() (service.Catalogue, error) {
	return ParseCatalogue(catalogueJSON)
}

// ParseCatalogue reads a catalogue in the format of the embedded one and checks it:
// unique IDs, names present, every entry in a listed category.
func ParseCatalogue(data []byte) (service.Catalogue, error) {
	var c service.Catalogue
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return service.Catalogue{}, fmt.Errorf("catalogue: %w", err)
	}
	cats := map[string]bool{}
	for _, name := range c.Categories {
		cats[name] = true
	}
	seen := map[string]bool{}
	for _, e := range c.Entries {
		switch {
		case e.ID == "" || e.Name == "":
			return service.Catalogue{}, fmt.Errorf("catalogue: an entry has no id or name")
		case seen[e.ID]:
			return service.Catalogue{}, fmt.Errorf("catalogue: duplicate id %q", e.ID)
		case !cats[e.Category]:
			return service.Catalogue{}, fmt.Errorf("catalogue: entry %q has unknown category %q", e.ID, e.Category)
		}
		seen[e.ID] = true
	}
	return c, nil
}
