package main_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// serve names a --leak-report-keys file it cannot use, and starts nothing.
func TestServeRefusesUnreadableLeakReportKeys(t *testing.T) {
	dir := t.TempDir()
	db := initDB(t, filepath.Join(dir, "sesame.db"))
	key := filepath.Join(dir, "k")
	sesame(t, "", "master-key", "init", "--file", key)
	bad := filepath.Join(dir, "secret_scanning.json")
	if err := os.WriteFile(bad, []byte(`{"public_keys": [{"key_identifier": "gh-1", "key": "pas une clé"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for file, says := range map[string]string{bad: "is not PEM", filepath.Join(dir, "absent.json"): "no such file"} {
		oneLineError(t, sesame(t, "", "serve", "--db", db, "--listen", "127.0.0.1:0", "--master-key-file", key, "--leak-report-keys", file), 1,
			"--leak-report-keys "+file+" : ")
		if r := sesame(t, "", "serve", "--db", db, "--listen", "127.0.0.1:0", "--master-key-file", key, "--leak-report-keys", file); !strings.Contains(r.stderr, says) {
			t.Errorf("%s: %q does not say %q", file, r.stderr, says)
		}
	}
}
