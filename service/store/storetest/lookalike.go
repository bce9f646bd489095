package storetest

import (
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// testLookAlikeNames: the database itself refuses an active key whose name looks like
// the name of another active key of the same tiers and service (issue 10, case 7),
// whatever the caller normalised; the key it keeps shows its name as it was given.
func testLookAlikeNames(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	for i, tt := range []struct{ what, first, lookAlike string }{
		{"composed and decomposed accent", "Café", "Cafe\u0301"},
		{"zero width joiner", "Paie", "Pa\u200die"},
		{"fullwidth letters", "Compta", "Ｃｏｍｐｔａ"},
		{"Cyrillic е", "Relevés", "R\u0435levés"},
		{"NBSP", "Felix Dupont", "Felix\u00a0Dupont"},
		{"double spaces", "Banque Ouest", "Banque  Ouest"},
		{"case", "felix", "Felix"},
	} {
		at := base.Add(time.Duration(i) * time.Minute)
		first := newKey(t, firm, loop, tt.first, at)
		insert(t, s, first)
		dup := newKey(t, firm, loop, tt.lookAlike, at.Add(time.Second))
		err := s.InsertKey(ctx, dup, event(dup.Key, service.AuditGenerate, dup.CreatedAt))
		wantCode(t, err, service.ECONFLICT, "InsertKey("+tt.what+") beside "+tt.first)
		checkKey(t, "the first key, "+tt.what, keyByID(t, s, first.ID).Key, first.Key)

		// Elsewhere, or once the first is revoked, the look-alike is free.
		insert(t, s, newKey(t, firm, paie, tt.lookAlike, at))
		revoke(t, s, first.Key, at.Add(2*time.Second))
		insert(t, s, newKey(t, firm, loop, tt.lookAlike, at.Add(3*time.Second)))
	}
}
