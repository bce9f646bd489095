package service

import "testing"

// The look-alike names of issue 10, case 7: what NormalizeKeyName stores.
func TestNormalizeKeyName(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"composed and decomposed accents", "Cafe\u0301", "Café"},
		{"double spaces", "Felix  Dupont", "Felix Dupont"},
		{"NBSP", "Felix\u00a0Dupont", "Felix Dupont"},
		{"narrow NBSP and ideographic space", "Felix\u202f\u3000Dupont", "Felix Dupont"},
		{"trimmed, NBSP included", "\u00a0 Felix \u2003", "Felix"},
		{"kept as typed otherwise", "Clé d'accès élève", "Clé d'accès élève"},
	}
	for _, tt := range tests {
		if got := NormalizeKeyName(tt.in); got != tt.want {
			t.Errorf("%s: NormalizeKeyName(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// Names that look the same share one skeleton, so that only one of them can be an
// active key of a tiers and a service; names that look different do not.
func TestKeyNameSkeleton(t *testing.T) {
	same := []struct{ name, a, b string }{
		{"Café and Cafe + combining acute", "Café", "Cafe\u0301"},
		{"case", "felix", "Felix"},
		{"upper case", "FELIX", "felix"},
		{"fullwidth letters", "Ｆｅｌｉｘ", "Felix"},
		{"Cyrillic е", "F\u0435lix", "Felix"},
		{"Cyrillic а and о", "R\u0430pp\u043ert", "Rapport"},
		{"NBSP", "Felix\u00a0Dupont", "Felix Dupont"},
		{"double spaces", "Felix  Dupont", "Felix Dupont"},
		{"zero width joiner", "Fe\u200dlix", "Felix"},
		{"mathematical letters", "𝐅𝐞𝐥𝐢𝐱", "Felix"},
		{"sharp s", "Straße", "STRASSE"},
	}
	for _, tt := range same {
		if a, b := KeyNameSkeleton(tt.a), KeyNameSkeleton(tt.b); a != b {
			t.Errorf("%s: skeletons differ: %q → %q, %q → %q", tt.name, tt.a, a, tt.b, b)
		}
	}
	different := []struct{ name, a, b string }{
		{"accent", "Café", "Cafe"},
		{"digit", "Felix 1", "Felix 2"},
		{"word", "Paie", "Compta"},
		{"space", "FelixDupont", "Felix Dupont"},
	}
	for _, tt := range different {
		if a, b := KeyNameSkeleton(tt.a), KeyNameSkeleton(tt.b); a == b {
			t.Errorf("%s: %q and %q share the skeleton %q", tt.name, tt.a, tt.b, a)
		}
	}
}
