package main_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// serve started without --trusted-proxy warns once that forwarding headers are not
// believed, so that keys with an address list are refused through a relay; with a
// trusted proxy it does not.
func TestServeWarnsWithoutTrustedProxy(t *testing.T) {
	for _, trusted := range []bool{false, true} {
		args := []string{"serve", "--db", initDB(t, filepath.Join(t.TempDir(), "sesame.db")), "--listen", "127.0.0.1:0", "--drain-delay", "0s"}
		if trusted {
			args = append(args, "--trusted-proxy", "127.0.0.1")
		}
		cmd, _, rest := startServeLine(t, args...)
		log := stopServe(t, cmd, rest)
		warns := 0
		for _, l := range strings.Split(log, "\n") {
			if strings.Contains(l, "level=WARN") && strings.Contains(l, "no --trusted-proxy") {
				warns++
			}
		}
		if want := map[bool]int{false: 1, true: 0}[trusted]; warns != want {
			t.Fatalf("trusted proxy %v: %d warnings about it, want %d; log:\n%s", trusted, warns, want, log)
		}
	}
}
