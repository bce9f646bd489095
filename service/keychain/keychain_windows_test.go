package keychain

import (
	"context"
	"strings"
	"testing"
)

// requireKeychain: Windows always has its Credential Manager (Wine's, under make test).
func requireKeychain(t *testing.T) { t.Helper() }

// A refresh token as long as Windows allows is stored and read back whole: the limit
// of MaxSecretLength is the Credential Manager's own, not a guess.
func TestLongestSecretFitsTheCredentialManager(t *testing.T) {
	ctx := context.Background()
	k := OS{Service: "fr.cabinet.sesame.test"}
	account := "https://cabinet.example/" + t.Name()
	value := strings.Repeat("r", MaxSecretLength)
	if err := k.Set(ctx, account, value); err != nil {
		t.Fatalf("Set of %d bytes: %v", len(value), err)
	}
	t.Cleanup(func() { _ = k.Delete(ctx, account) })
	got, err := k.Get(ctx, account)
	if err != nil || got != value {
		t.Fatalf("Get returned %d bytes (err=%v), want %d", len(got), err, len(value))
	}
}
