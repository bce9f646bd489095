package keychain

import (
	"context"
	"sync"
	"testing"

	"sesame/service"
)

// The journal's sealing key in the real keychain: none until asked to create it,
// then the same key on every read (another SealKeys value, as after a restart); a
// value that is not a key is refused with the keychain's sentence, not used.
func TestSealKeyInRealKeychain(t *testing.T) {
	requireKeychain(t)
	ctx := context.Background()
	kc := OS{Service: "fr.cabinet.sesame.test"}
	s := SealKeys{Keychain: kc, Account: "journal-seal-" + t.Name()}
	t.Cleanup(func() { _ = kc.Delete(ctx, s.Account) })
	if k, err := s.SealKey(ctx, false); k != nil || err != nil {
		t.Fatalf("SealKey without creating, none stored = %v, %v; want nil, nil", k, err)
	}
	made, err := s.SealKey(ctx, true)
	if err != nil || made == nil {
		t.Fatalf("SealKey creating = %v, %v", made, err)
	}
	se := service.AuditSeal{ID: 1, Seq: 7, Hash: service.GenesisHash}
	se.MAC = made.Sign(se)
	again, err := SealKeys{Keychain: kc, Account: s.Account}.SealKey(ctx, false)
	if err != nil || again == nil || !again.Authentic(se) {
		t.Fatalf("the key read back is not the one made: %v, %v", again, err)
	}
	if err := kc.Set(ctx, s.Account, "pas une clé"); err != nil {
		t.Fatal(err)
	}
	if k, err := s.SealKey(ctx, true); k != nil || service.ErrorCode(err) != service.EUNAVAILABLE || service.ErrorMessage(err) != service.MsgSealKeychain {
		t.Fatalf("SealKey of a damaged entry = %v, %v; want EUNAVAILABLE with %s", k, err, service.MsgSealKeychain)
	}
}

// Several callers asking at once for a key that does not exist yet (the daily seal at
// start and « Sceller maintenant ») all get the one the keychain keeps.
func TestSealKeyMadeOnceWhenAskedAtOnce(t *testing.T) {
	requireKeychain(t)
	ctx := context.Background()
	kc := OS{Service: "fr.cabinet.sesame.test"}
	s := SealKeys{Keychain: kc, Account: "journal-seal-" + t.Name()}
	t.Cleanup(func() { _ = kc.Delete(ctx, s.Account) })
	se := service.AuditSeal{ID: 1, Seq: 3, Hash: service.GenesisHash}
	keys := make([]*service.SealKey, 6)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			k, err := s.SealKey(ctx, true)
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		})
	}
	wg.Wait()
	stored, err := s.SealKey(ctx, false)
	if err != nil || stored == nil {
		t.Fatalf("read back: %v, %v", stored, err)
	}
	for i, k := range keys {
		se.MAC = k.Sign(se)
		if !stored.Authentic(se) {
			t.Errorf("caller %d sealed with a key the keychain does not hold", i)
		}
	}
}
