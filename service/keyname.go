package service

import (
	"strings"
	"unicode"

	"github.com/mtibben/confusables"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// NormalizeKeyName is the name that is stored for what the user typed: composed
// (NFC, so that "Cafe" + U+0301 is "Café"), every run of spaces, NBSP included, made
// one plain space, and trimmed.
func NormalizeKeyName(name string) string {
	return strings.Join(strings.FieldsFunc(norm.NFC.String(name), isSpace), " ")
}

// isSpace is any Unicode space: White_Space and the space separators (Zs).
func isSpace(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) }

// KeyNameSkeleton is the form that two key names share when a reader cannot tell them
// apart: normalised, case-folded, compatibility forms replaced (fullwidth,
// mathematical letters: NFKC), invisible characters dropped, then the Unicode
// confusables skeleton of UTS #39 (a Cyrillic "е" is a Latin "e"). Only one active key
// of a tiers and a service may have a given skeleton; stores keep it beside the name.
// It is for comparing, never for showing. Changing it means computing it again for
// the stored keys, in a migration with a step in Go (the migration list has none
// today).
func KeyNameSkeleton(name string) string {
	s := norm.NFKC.String(NormalizeKeyName(name))
	s = norm.NFKC.String(cases.Fold().String(s))
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r) {
			return -1 // default-ignorable: drawn as nothing
		}
		return r
	}, s)
	return strings.Join(strings.FieldsFunc(confusables.Skeleton(s), isSpace), " ")
}

// hasInvisible reports a format character (Cf: zero-width joiners and spaces, soft
// hyphen, byte order mark) or a bidirectional control, which change how a name is
// drawn or read without being seen.
func hasInvisible(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Bidi_Control, r) {
			return true
		}
	}
	return false
}
