package remote_test

import (
	"context"
	"errors"
	"testing"

	"sesame/service"
	"sesame/service/httpserver/servertest"
	"sesame/service/keychain"
	"sesame/service/remote"
)

// refusingKeychain stands for a keychain that is locked or refuses access. The real
// "no Secret Service" path is tested in package keychain (without D-Bus); a locked
// keyring that refuses cannot be set up here, hence this double.
type refusingKeychain struct{}

func (refusingKeychain) Get(context.Context, string) (string, error) {
	return "", service.Errorf(service.EUNAVAILABLE, keychain.MsgUnavailable, errors.New("refused"))
}
func (refusingKeychain) Set(context.Context, string, string) error {
	return service.Errorf(service.EUNAVAILABLE, keychain.MsgUnavailable, errors.New("refused"))
}
func (refusingKeychain) Delete(context.Context, string) error {
	return service.Errorf(service.EUNAVAILABLE, keychain.MsgUnavailable, errors.New("refused"))
}

func TestKeychainRefusedSessionStillWorks(t *testing.T) {
	ctx := context.Background()
	env := servertest.Start(t, nil)
	s, _ := remote.NewSession(ctx, env.URL, refusingKeychain{})
	if err := s.SignIn(ctx, env.Browser(servertest.Login, env.Password)); err != nil {
		t.Fatalf("SignIn must succeed without a keychain: %v", err)
	}
	if err := s.KeychainError(); service.ErrorMessage(err) != keychain.MsgUnavailable {
		t.Fatalf("KeychainError = %v, want the French explanation", err)
	}
	if err := s.KeychainError(); err != nil {
		t.Fatal("the keychain failure is reported more than once")
	}
	if _, err := s.Portal().Profile(ctx); err != nil {
		t.Fatalf("the session must work without a keychain: %v", err)
	}
	if err := s.Restore(ctx); service.ErrorCode(err) != service.EUNAVAILABLE {
		t.Fatalf("Restore with a refusing keychain: %v", err)
	}
}
