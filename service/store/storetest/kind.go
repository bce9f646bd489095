package storetest

import (
	"slices"
	"testing"

	"sesame/service"
	"sesame/service/store"
)

// cmpKind is the kind a store returns for a key stored with kind k: the firm's when
// none was given.
func cmpKind(k service.KeyKind) service.KeyKind {
	if k == "" {
		return service.KindFirm
	}
	return k
}

// derefPartner is a key's partner as a value, the zero Partner for none.
func derefPartner(p *service.Partner) service.Partner {
	if p == nil {
		return service.Partner{}
	}
	return *p
}

// testKeyKinds: a key's kind and partner are stored and read back as given (a key
// stored without a kind is the firm's), and the kind and partner-name criteria
// select exactly the keys they name, counted alike, the name accents and case aside.
func testKeyKinds(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	mk := func(name string, kind service.KeyKind, p *service.Partner) store.KeyRecord {
		k := newKey(t, firm, loop, name, base)
		k.Kind, k.Partner = kind, p
		insert(t, s, k)
		checkKey(t, "KeyByID of "+name, keyByID(t, s, k.ID).Key, k.Key)
		return k
	}
	own := mk("Compta interne", "", nil)
	ownToo := mk("Paie interne", service.KindFirm, nil)
	acme := mk("Pour ACME", service.KindPartner, &service.Partner{Name: "Société Générale d'Édition", SIRET: "73282932000074",
		ContactName: "Jeanne Durand", ContactEmail: "jeanne.durand@acme.fr"})
	durand := mk("Pour Durand", service.KindPartner, &service.Partner{Name: "Durand & Fils"})
	other := newKey(t, attached, loop, "Ailleurs", base)
	other.Kind, other.Partner = service.KindPartner, &service.Partner{Name: "Société Générale d'Édition"}
	insert(t, s, other)

	for _, tc := range []struct {
		what string
		f    service.KeyFilter
		want []string
	}{
		{"every kind", service.KeyFilter{}, []string{own.ID, ownToo.ID, acme.ID, durand.ID}},
		{"firm keys", service.KeyFilter{Kind: service.KindFirm}, []string{own.ID, ownToo.ID}},
		{"partner keys", service.KeyFilter{Kind: service.KindPartner}, []string{acme.ID, durand.ID}},
		{"partner name, accents and case aside", service.KeyFilter{PartnerContains: "generale d'edition"}, []string{acme.ID}},
		{"partner name and kind", service.KeyFilter{Kind: service.KindPartner, PartnerContains: "DURAND"}, []string{durand.ID}},
		{"partner name on firm keys", service.KeyFilter{Kind: service.KindFirm, PartnerContains: "durand"}, nil},
		{"partner name with a LIKE wildcard", service.KeyFilter{PartnerContains: "%"}, nil},
	} {
		f := tc.f
		f.Tiers, f.Service, f.Now = firm, loop, base
		page, err := s.ListKeys(ctx, f.Normalized())
		if err != nil {
			t.Fatalf("%s: %v", tc.what, err)
		}
		var got []string
		for _, k := range page.Keys {
			got = append(got, k.ID)
		}
		slices.Sort(got)
		want := slices.Clone(tc.want)
		slices.Sort(want)
		if !slices.Equal(got, want) || page.Count == nil || page.Count.N != len(want) {
			t.Fatalf("%s: keys %v (count %+v), want %v", tc.what, got, page.Count, want)
		}
	}
}
