package keychain

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"sesame/service"
)

// These tests use the real Secret Service: make test runs them under dbus-run-session
// with an unlocked throw-away gnome-keyring. The last one removes D-Bus altogether.

func TestMain(m *testing.M) {
	if os.Getenv("SESAME_KEYCHAIN_HELPER") == "set" {
		err := OS{Service: "fr.cabinet.sesame.test", Timeout: 3 * time.Second}.Set(context.Background(), "helper", "valeur")
		os.Stdout.WriteString("code: " + service.ErrorCode(err) + "\nmessage: " + service.ErrorMessage(err) + "\n")
		return
	}
	os.Exit(m.Run())
}

func requireSessionBus(t *testing.T) {
	t.Helper()
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("no D-Bus session: run through `make test`, which starts dbus-run-session and gnome-keyring")
	}
}

func TestRoundTripInRealKeyring(t *testing.T) {
	requireSessionBus(t)
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

func TestUnavailableWithoutDBus(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = []string{"SESAME_KEYCHAIN_HELPER=set", "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/sesame-no-bus", "HOME=" + t.TempDir()}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("helper: %v: %s", err, out)
	}
	if !strings.Contains(string(out), "code: "+service.EUNAVAILABLE) || !strings.Contains(string(out), "message: "+MsgUnavailable) {
		t.Fatalf("without D-Bus the keychain said %q, want EUNAVAILABLE and the French message", out)
	}
}
