package service

// KeyCountMax bounds the count of the keys matching a filter: past it a store stops
// counting, and the table says "plus de 10 000" rather than make the user wait for
// an exact figure no one reads.
const KeyCountMax = 10_000

// KeyCount is how many keys match a filter: exactly N, or more than N when More (N is
// then the bound the store counted up to).
type KeyCount struct {
	N    int
	More bool
}

// CountOf returns the count of n matches found by counting at most limit+1 of them.
func CountOf(n, limit int) KeyCount {
	if n > limit {
		return KeyCount{N: limit, More: true}
	}
	return KeyCount{N: n}
}
