package storetest

import (
	"reflect"
	"slices"
	"testing"

	"sesame/service"
	"sesame/service/store"
)

// testEmpty: a new store holds nothing and says so without errors.
func testEmpty(t *testing.T, s store.Store) {
	ctx := t.Context()
	if tiers, err := s.Tiers(ctx); err != nil || len(tiers) != 0 {
		t.Fatalf("Tiers = %v, %v; want none", tiers, err)
	}
	if c, err := s.Catalogue(ctx); err != nil || len(c.Categories) != 0 || len(c.Entries) != 0 {
		t.Fatalf("Catalogue = %+v, %v; want empty", c, err)
	}
	_, err := s.Admin(ctx, store.LocalLogin)
	wantCode(t, err, service.ENOTFOUND, "Admin of an empty store")
	_, err = s.KeyByID(ctx, "7KQ2-M9XD-4TRB-H3WZ")
	wantCode(t, err, service.ENOTFOUND, "KeyByID of an empty store")
	page, err := s.ListKeys(ctx, service.KeyFilter{Tiers: firm, Service: loop}.Normalized())
	if err != nil || len(page.Keys) != 0 || page.Next != "" {
		t.Fatalf("ListKeys = %+v, %v; want an empty last page", page, err)
	}
	if ev, err := s.Audit(ctx, service.AuditFilter{}); err != nil || len(ev) != 0 {
		t.Fatalf("Audit = %+v, %v; want none", ev, err)
	}
}

// testTiers: tiers come back ordered by code (byte-wise), duplicates and unknown
// parents are refused and leave nothing behind.
func testTiers(t *testing.T, s store.Store) {
	ctx := t.Context()
	add := []service.Tiers{
		{Code: "b2", Name: "minuscule"},
		{Code: "B10", Name: "SARL B10", AttachedTo: "A1"},
		{Code: "A1", Name: "FUTUROSCOPE CEDEX"},
	}
	// A1 first: B10 is attached to it.
	for _, i := range []int{2, 0, 1} {
		if err := s.AddTiers(ctx, add[i]); err != nil {
			t.Fatalf("AddTiers(%s): %v", add[i].Code, err)
		}
	}
	want := []service.Tiers{add[2], add[1], add[0]} // "A1" < "B10" < "b2"
	if got, err := s.Tiers(ctx); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("Tiers = %+v, %v; want %+v", got, err, want)
	}

	err := s.AddTiers(ctx, service.Tiers{Code: "A1", Name: "AUTRE NOM"})
	wantCode(t, err, service.ECONFLICT, "AddTiers with an existing code")
	err = s.AddTiers(ctx, service.Tiers{Code: "C3", Name: "ORPHELIN", AttachedTo: "ZZZ"})
	wantCode(t, err, service.ENOTFOUND, "AddTiers attached to an unknown tiers")
	if got, err := s.Tiers(ctx); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("after refused additions, Tiers = %+v, %v; want %+v", got, err, want)
	}
}

// testAdmins: PutAdmin creates, then replaces the administrator and the whole set of
// their tiers; an unknown tiers is refused and leaves the previous version.
func testAdmins(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	a := store.Admin{Login: "vdelhumeau", Name: "Delhumeau Vincent", SICCode: firm,
		Tiers: []string{other, firm}, PasswordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"}
	if err := s.PutAdmin(ctx, a); err != nil {
		t.Fatalf("PutAdmin: %v", err)
	}
	want := a
	want.Tiers = []string{other, firm}
	slices.Sort(want.Tiers)
	checkAdmin(t, s, want)

	b := store.Admin{Login: a.Login, Name: "Delhumeau Vincent-Élie", SICCode: firm, Tiers: []string{attached}}
	if err := s.PutAdmin(ctx, b); err != nil {
		t.Fatalf("PutAdmin (replace): %v", err)
	}
	checkAdmin(t, s, b)

	bad := store.Admin{Login: a.Login, Name: "Autre", SICCode: firm, Tiers: []string{firm, "INCONNU"}}
	wantCode(t, s.PutAdmin(ctx, bad), service.ENOTFOUND, "PutAdmin with an unknown tiers")
	checkAdmin(t, s, b)

	newcomer := store.Admin{Login: "nouveau", Name: "Nouveau", SICCode: firm, Tiers: []string{"INCONNU"}}
	wantCode(t, s.PutAdmin(ctx, newcomer), service.ENOTFOUND, "PutAdmin of a new admin with an unknown tiers")
	_, err := s.Admin(ctx, "nouveau")
	wantCode(t, err, service.ENOTFOUND, "Admin after a refused creation")

	local := store.Admin{Login: store.LocalLogin, Name: "Poste local", SICCode: firm, Tiers: []string{firm}}
	if err := s.PutAdmin(ctx, local); err != nil {
		t.Fatalf("PutAdmin(local): %v", err)
	}
	checkAdmin(t, s, local)
	checkAdmin(t, s, b) // another administrator is untouched
}

func checkAdmin(t *testing.T, s store.Store, want store.Admin) {
	t.Helper()
	got, err := s.Admin(t.Context(), want.Login)
	if err != nil {
		t.Fatalf("Admin(%s): %v", want.Login, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Admin(%s) = %+v, want %+v", want.Login, got, want)
	}
}

// testCatalogue: the catalogue comes back as stored, in order; a new one replaces it.
func testCatalogue(t *testing.T, s store.Store) {
	ctx := t.Context()
	c := catalogue()
	if err := s.PutCatalogue(ctx, c); err != nil {
		t.Fatalf("PutCatalogue: %v", err)
	}
	checkCatalogue(t, s, c)

	// Reordered, one entry changed, one removed, one added, categories reordered.
	next := service.Catalogue{
		Categories: []string{"Paie", "Services en ligne", "Social"},
		Entries: []service.CatalogueEntry{
			{ID: paie, Name: "Paie API v2", Category: "Paie", AcceptsKeys: true},
			{ID: "dsn", Name: "DSN", Category: "Social", Description: "Déclarations « sociales »", AcceptsKeys: true},
			{ID: loop, Name: "Loop APIkey", Category: "Services en ligne", Description: "", AcceptsKeys: false},
		},
	}
	if err := s.PutCatalogue(ctx, next); err != nil {
		t.Fatalf("PutCatalogue (replace): %v", err)
	}
	checkCatalogue(t, s, next)

	if err := s.PutCatalogue(ctx, service.Catalogue{}); err != nil {
		t.Fatalf("PutCatalogue (empty): %v", err)
	}
	checkCatalogue(t, s, service.Catalogue{})
}

// testCatalogueKeepsUsedEntries: an entry that keys use survives its removal from the
// catalogue, after the entries of the new one, so that no key loses its service.
func testCatalogueKeepsUsedEntries(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	k := newKey(t, firm, paie, "Bulletins", base)
	insert(t, s, k)

	loopOnly := catalogue()
	loopOnly.Categories = loopOnly.Categories[:1]
	loopOnly.Entries = loopOnly.Entries[:1]
	if err := s.PutCatalogue(ctx, loopOnly); err != nil {
		t.Fatalf("PutCatalogue without the used entry: %v", err)
	}
	want := loopOnly
	want.Entries = append(slices.Clone(want.Entries), catalogue().Entries[2])
	checkCatalogue(t, s, want)
	checkKey(t, "KeyByID after the catalogue changed", keyByID(t, s, k.ID).Key, k.Key)

	// Once listed again, it takes its new place.
	again := catalogue()
	again.Entries = []service.CatalogueEntry{again.Entries[2], again.Entries[0]}
	if err := s.PutCatalogue(ctx, again); err != nil {
		t.Fatalf("PutCatalogue with the entry back: %v", err)
	}
	checkCatalogue(t, s, again)
}

func checkCatalogue(t *testing.T, s store.Store, want service.Catalogue) {
	t.Helper()
	got, err := s.Catalogue(t.Context())
	if err != nil {
		t.Fatalf("Catalogue: %v", err)
	}
	if len(got.Categories) == 0 && len(want.Categories) == 0 {
		got.Categories, want.Categories = nil, nil
	}
	if len(got.Entries) == 0 && len(want.Entries) == 0 {
		got.Entries, want.Entries = nil, nil
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Catalogue = %+v\nwant %+v", got, want)
	}
}

// testRemoveAdmin: RemoveAdmin deletes an administrator and the tiers they
// administered (not the tiers themselves, nor the keys they made); ENOTFOUND after.
func testRemoveAdmin(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	a := store.Admin{Login: "sam", Name: "Samuel", SICCode: firm, Tiers: []string{firm, attached}, PasswordHash: "h"}
	if err := s.PutAdmin(ctx, a); err != nil {
		t.Fatal(err)
	}
	k := newKey(t, firm, loop, "Clé de Sam", base)
	insert(t, s, k)
	if err := s.RemoveAdmin(ctx, "sam"); err != nil {
		t.Fatalf("RemoveAdmin: %v", err)
	}
	_, err := s.Admin(ctx, "sam")
	wantCode(t, err, service.ENOTFOUND, "Admin after RemoveAdmin")
	wantCode(t, s.RemoveAdmin(ctx, "sam"), service.ENOTFOUND, "RemoveAdmin twice")
	checkKey(t, "the key Sam made", keyByID(t, s, k.ID).Key, k.Key)
	if tiers, err := s.Tiers(ctx); err != nil || len(tiers) != 3 {
		t.Fatalf("Tiers after RemoveAdmin = %+v, %v", tiers, err)
	}
	// The login can be given again.
	if err := s.PutAdmin(ctx, a); err != nil {
		t.Fatalf("PutAdmin after RemoveAdmin: %v", err)
	}
}
