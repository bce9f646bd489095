package main

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// The uninstall's --remove-data (the MSI's REMOVEDATA=1) removes the firm's data
// folder whole, files and the updates folder, and nothing beside it; run again, with
// nothing left, it still succeeds. test/wine runs it through the real MSI.
func TestRemoveDataTakesTheFirmsFolderOnly(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	data := dataFolder(runtime.GOOS, home)
	other := filepath.Join(filepath.Dir(data), "fr.autre.application")
	for _, f := range []string{filepath.Join(data, "sesame.db"), filepath.Join(data, "preferences.json"),
		filepath.Join(data, "updates", "Sesame-1.2.0.msi"), filepath.Join(other, "preferences.json")} {
		if err := os.MkdirAll(filepath.Dir(f), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for range 2 {
		if stop, status := commandLine([]string{removeDataArg}, io.Discard); !stop || status != 0 {
			t.Fatalf("--remove-data: stop %v, status %d", stop, status)
		}
		if _, err := os.Stat(data); !os.IsNotExist(err) {
			t.Fatalf("the data folder is still there: %v", err)
		}
		if _, err := os.Stat(filepath.Join(other, "preferences.json")); err != nil {
			t.Fatalf("another application's folder was touched: %v", err)
		}
	}
	if got := dataFolder("windows", `C:\Users\vd`); got != filepath.Join(`C:\Users\vd`, "AppData", "Roaming", "fyne", "fr.cabinet.sesame") {
		t.Errorf("the Windows data folder: %s", got)
	}
}
