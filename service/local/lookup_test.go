package local_test

import (
	"context"
	"testing"

	"sesame/service"
	"sesame/service/local"
	"sesame/service/store"
)

// A scan's digests are matched against the administrator's keys only: their own key
// with its name, status and kind, a renewed key's old secret during its grace, and a
// secret of another firm's key or of no key as unknown.
func TestLookupDigestsLocal(t *testing.T) {
	ctx := context.Background()
	p, _ := openPortal(t)
	st := p.Store()
	if err := st.AddTiers(ctx, service.Tiers{Code: "77001", Name: "AUTRE CABINET"}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutAdmin(ctx, store.Admin{Login: "autre", Name: "Autre Admin", SICCode: "77001", Tiers: []string{"77001"}}); err != nil {
		t.Fatal(err)
	}
	theirs, err := local.New(st, "autre").Generate(ctx, service.GenerateRequest{Tiers: "77001", Service: "loop-apikey", Name: "La leur"})
	if err != nil {
		t.Fatal(err)
	}
	mine, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Intégration paie"})
	if err != nil {
		t.Fatal(err)
	}
	renewed, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Renouvelée"})
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := p.Renew(ctx, service.RenewRequest{KeyID: renewed.Key.ID, Grace: service.GraceFirstUse, Version: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Suspend(ctx, service.SuspendRequest{KeyID: renewed.Key.ID, Reason: "Trouvée sur le partage"}); err != nil {
		t.Fatal(err)
	}
	none, _ := service.NewCredentials()
	digests := [][]byte{
		service.SecretDigest(mine.Credentials.Secret),
		service.SecretDigest(theirs.Credentials.Secret),
		service.SecretDigest(renewed.Credentials.Secret),
		service.SecretDigest(fresh.Credentials.Secret),
		service.SecretDigest(none.Secret),
	}
	got, err := p.LookupDigests(ctx, digests)
	if err != nil || len(got) != len(digests) {
		t.Fatalf("LookupDigests = %d matches, %v", len(got), err)
	}
	type match struct {
		id     string
		status service.KeyStatus
		old    bool
		opens  bool
	}
	want := []match{
		{mine.Key.ID, service.StatusActive, false, true},
		{},
		{renewed.Key.ID, service.StatusSuspended, true, false},
		{renewed.Key.ID, service.StatusSuspended, false, false},
		{},
	}
	for i, m := range got {
		var g match
		if m.Key != nil {
			g = match{m.Key.ID, m.Key.Status, m.Old, m.Opens()}
			if m.Key.Name == "" || m.Key.Kind != service.KindFirm {
				t.Errorf("match %d: key without its name or kind: %+v", i, m.Key)
			}
		}
		if g != want[i] || string(m.Digest) != string(digests[i]) {
			t.Errorf("match %d = %+v, want %+v", i, g, want[i])
		}
	}

	many := make([][]byte, service.MaxDigestLookup+1)
	for i := range many {
		many[i] = digests[0]
	}
	if _, err := p.LookupDigests(ctx, many); service.ErrorMessage(err) != service.MsgDigestsTooMany {
		t.Fatalf("LookupDigests of too many: %v", err)
	}
	if _, err := p.LookupDigests(ctx, [][]byte{[]byte(mine.Credentials.Secret)}); service.ErrorMessage(err) != service.MsgDigestMalformed {
		t.Fatalf("LookupDigests of a secret instead of its digest: %v", err)
	}
}
