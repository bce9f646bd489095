package keychain

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"sesame/service"
)

// These tests use the operating system's real keychain: on Linux the Secret Service,
// which make test runs under dbus-run-session with an unlocked throw-away
// gnome-keyring; on Windows the Credential Manager (make test runs this package's
// test binary, built for Windows, under Wine: test/windows/keychain).

func TestMain(m *testing.M) {
	if os.Getenv("SESAME_KEYCHAIN_HELPER") == "set" {
		err := OS{Service: "fr.cabinet.sesame.test", Timeout: 3 * time.Second}.Set(context.Background(), "helper", "valeur")
		os.Stdout.WriteString("code: " + service.ErrorCode(err) + "\nmessage: " + string(service.ErrorMessage(err)) + "\n")
		return
	}
	os.Exit(m.Run())
}

func TestRoundTripInRealKeyring(t *testing.T) {
	requireKeychain(t)
	ctx := context.Background()
	k := OS{Service: "fr.cabinet.sesame.test"}
	account := "https://cabinet.example/" + t.Name()
	if _, err := k.Get(ctx, account); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get before Set: %v, want ErrNotFound", err)
	}
	for _, v := range []string{"premier-jeton", "second-jeton-après-rotation"} {
		if err := k.Set(ctx, account, v); err != nil {
			t.Fatalf("Set: %v", err)
		}
		got, err := k.Get(ctx, account)
		if err != nil || got != v {
			t.Fatalf("Get after Set returned a different value (err=%v)", err)
		}
	}
	if err := k.Delete(ctx, account); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := k.Get(ctx, account); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get after Delete: %v, want ErrNotFound", err)
	}
	if err := k.Delete(ctx, account); err != nil {
		t.Fatalf("deleting twice must not fail: %v", err)
	}
}

func TestRefusesOversizedSecret(t *testing.T) {
	err := OS{Service: "fr.cabinet.sesame.test"}.Set(context.Background(), "big", strings.Repeat("x", MaxSecretLength+1))
	if err == nil {
		t.Fatal("a secret over the Windows limit was accepted")
	}
}
