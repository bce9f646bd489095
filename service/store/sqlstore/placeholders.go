package sqlstore

import "strings"

// placeholders returns n "?" placeholders, comma-separated (q numbers them for
// PostgreSQL).
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// tuples returns n parenthesised lists of width placeholders, comma-separated: the
// VALUES of a multi-row INSERT.
func tuples(n, width int) string {
	return strings.TrimSuffix(strings.Repeat("("+placeholders(width)+"), ", n), ", ")
}
