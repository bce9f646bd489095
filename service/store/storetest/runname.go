package storetest

import (
	"testing"

	"sesame/service/store"
)

// RunNameCriteria runs the suite's subtests of the name criteria (keys and journal)
// alone: for a store opened without its text index of names, which must find the
// same keys and events, only more slowly.
func RunNameCriteria(t *testing.T, open func(t *testing.T) store.Store) {
	t.Helper()
	for _, tc := range []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"ListNameContains", testListNameContains},
		{"ListNameContainsManyAndFew", testListNameContainsManyAndFew},
		{"ListNameWords", testListNameWords},
		{"ListCombined", testListCombined},
		{"AuditNameSearch", testAuditNameSearch},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.fn(t, open(t))
		})
	}
}
