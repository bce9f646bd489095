package service

import "slices"

// NameWords returns the distinct words of a folded name (FoldName), in the order they
// first appear: its longest runs of the letters a to z. Stores keep one row per word
// of each key's name, in name order, so that a "contains" criterion sorted by name
// reads the keys of the few words that hold the term instead of walking every key
// (a common first word, « Paie … », puts all its keys together, far along the sort).
// A term of letters a to z found in a name lies inside one of its words; any other
// character ends a word. Changing it means computing every stored key's words again,
// in a migration with a step in Go (the migration list has none today).
func NameWords(folded string) []string {
	var words []string
	start := -1
	for i := 0; i <= len(folded); i++ {
		if i < len(folded) && folded[i] >= 'a' && folded[i] <= 'z' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			w := folded[start:i]
			if !slices.Contains(words, w) {
				words = append(words, w)
			}
			start = -1
		}
	}
	return words
}

// NameWordOf returns the longest word (NameWords) of a folded "contains" term: every
// name that contains the term has a word that contains it. It returns "" for a term
// without a letter a to z.
func NameWordOf(term string) string {
	longest := ""
	for _, w := range NameWords(term) {
		if len(w) > len(longest) {
			longest = w
		}
	}
	return longest
}
