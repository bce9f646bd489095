package keychain

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"sesame/service"
)

// requireKeychain fails the test when there is no Secret Service to talk to.
func requireKeychain(t *testing.T) {
	t.Helper()
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("no D-Bus session: run through `make test`, which starts dbus-run-session and gnome-keyring")
	}
}

func TestUnavailableWithoutDBus(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = []string{"SESAME_KEYCHAIN_HELPER=set", "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/sesame-no-bus", "HOME=" + t.TempDir()}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("helper: %v: %s", err, out)
	}
	if !strings.Contains(string(out), "code: "+service.EUNAVAILABLE) || !strings.Contains(string(out), "message: "+string(MsgUnavailable)) {
		t.Fatalf("without D-Bus the keychain said %q, want EUNAVAILABLE and its message code", out)
	}
}
