package service

import (
	"slices"
	"strings"
	"testing"
)

func TestNameWords(t *testing.T) {
	for _, c := range []struct {
		name string
		want []string
	}{
		{"Paie production 123", []string{"paie", "production"}},
		{"Notes de frais — recette", []string{"notes", "de", "frais", "recette"}},
		{"ERP-2024/paie2025 paie", []string{"erp", "paie"}},
		{"Søren Œuvre", []string{"s", "ren", "oeuvre"}}, // ø is no letter a–z: it ends a word
		{"123 456", nil},
		{"", nil},
	} {
		if got := NameWords(FoldName(c.name)); !slices.Equal(got, c.want) {
			t.Errorf("NameWords(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestNameWordsHoldEveryTerm: whenever a folded name contains a term, one of the name's
// words contains the term's longest word. This is what lets a store look for a term in
// the keys of a few words only.
func TestNameWordsHoldEveryTerm(t *testing.T) {
	names := []string{"Paie production 123", "Comptabilité — Girafe", "notes de frais 2024", "ERP-XK4/paie2025", "Søren à l'œuvre", "a.b_c"}
	for _, n := range names {
		folded := FoldName(n)
		// Every substring of the folded name is a term someone may type.
		for i := 0; i < len(folded); i++ {
			for j := i + 1; j <= len(folded); j++ {
				term := folded[i:j]
				w := NameWordOf(term)
				if w == "" {
					continue
				}
				found := false
				for _, word := range NameWords(folded) {
					if strings.Contains(word, w) {
						found = true
					}
				}
				if !found {
					t.Fatalf("%q contains %q, but none of its words %q contains %q", folded, term, NameWords(folded), w)
				}
			}
		}
	}
	if got := NameWordOf("aie pro"); got != "aie" {
		t.Errorf(`NameWordOf("aie pro") = %q, want "aie" (the first of the longest)`, got)
	}
	if got := NameWordOf("2024-"); got != "" {
		t.Errorf(`NameWordOf("2024-") = %q, want ""`, got)
	}
}
