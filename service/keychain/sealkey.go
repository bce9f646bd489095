package keychain

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"sync"

	"sesame/service"
)

// sealKeyMu makes getting or making the sealing key one caller's at a time.
var sealKeyMu sync.Mutex

// SealAccount is the account under which the desktop keeps its journal's sealing key.
const SealAccount = "sesame-journal-seal-key"

// SealKeys keeps the desktop's journal sealing key (service.SealKey) in a keychain,
// not beside the database: a copy of the file, or whoever rewrites it, has no key to
// seal with. It is drawn from crypto/rand on first use.
type SealKeys struct {
	Keychain Keychain
	Account  string // "" means SealAccount
}

// SealKey returns the sealing key; when the keychain has none, a new one stored there
// if create is true, nil otherwise. A keychain that cannot be used, or holds a value
// that is not a key, is EUNAVAILABLE with service.MsgSealKeychain.
//
// Within the process, one caller at a time gets or makes the key (sealKeyMu): the
// daily seal at start and « Sceller maintenant » would otherwise both find none, each
// make its own, and seal with a key the keychain no longer holds. After storing a new
// key it is read back, so that what seals is what the keychain holds.
func (s SealKeys) SealKey(ctx context.Context, create bool) (*service.SealKey, error) {
	sealKeyMu.Lock()
	defer sealKeyMu.Unlock()
	account := s.Account
	if account == "" {
		account = SealAccount
	}
	v, err := s.Keychain.Get(ctx, account)
	switch {
	case errors.Is(err, ErrNotFound) && !create:
		return nil, nil
	case errors.Is(err, ErrNotFound):
		raw := make([]byte, 32)
		_, _ = rand.Read(raw) // never fails (crypto/rand documentation)
		if err := s.Keychain.Set(ctx, account, base64.RawURLEncoding.EncodeToString(raw)); err != nil {
			return nil, service.Errorf(service.EUNAVAILABLE, service.MsgSealKeychain, err)
		}
		if v, err = s.Keychain.Get(ctx, account); err != nil {
			return nil, service.Errorf(service.EUNAVAILABLE, service.MsgSealKeychain, err)
		}
	case err != nil:
		return nil, service.Errorf(service.EUNAVAILABLE, service.MsgSealKeychain, err)
	}
	raw, err := base64.RawURLEncoding.DecodeString(v)
	if err != nil {
		return nil, service.Errorf(service.EUNAVAILABLE, service.MsgSealKeychain, errors.New("keychain: the sealing key is not base64url"))
	}
	k, err := service.NewSealKey(raw)
	if err != nil {
		return nil, service.Errorf(service.EUNAVAILABLE, service.MsgSealKeychain, err)
	}
	return k, nil
}
