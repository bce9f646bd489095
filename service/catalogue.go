package service

// CategoryAll is the catalogue drop-down's first choice: every category.
const CategoryAll = ""

// CatalogueEntry is a service of the firm's catalogue, e.g. "Loop APIkey".
type CatalogueEntry struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Category    string `json:"category"`
	Description string `json:"description"` // one line
	AcceptsKeys bool   `json:"acceptsKeys"` // only these carry the key-shaped button
}

// Catalogue is the list of services and the categories they fall in, in the order the
// drop-down shows them.
type Catalogue struct {
	Categories []string         `json:"categories"`
	Entries    []CatalogueEntry `json:"services"`
}

// Filter returns the entries of one category, or all of them for CategoryAll.
func (c Catalogue) Filter(category string) []CatalogueEntry {
	if category == CategoryAll {
		return c.Entries
	}
	var out []CatalogueEntry
	for _, e := range c.Entries {
		if e.Category == category {
			out = append(out, e)
		}
	}
	return out
}

// Entry returns the entry with that ID.
func (c Catalogue) Entry(id string) (CatalogueEntry, bool) {
	for _, e := range c.Entries {
		if e.ID == id {
			return e, true
		}
	}
	return CatalogueEntry{}, false
}

// KeyServices returns the entries that accept API keys: the Service criterion's choices.
func (c Catalogue) KeyServices() []CatalogueEntry {
	var out []CatalogueEntry
	for _, e := range c.Entries {
		if e.AcceptsKeys {
			out = append(out, e)
		}
	}
	return out
}
