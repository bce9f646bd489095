package safefile

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCommitAndAbort: the name holds the new data only after Commit; Abort leaves
// the old file as it was and no temporary file behind.
func TestCommitAndAbort(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.csv")
	if err := os.WriteFile(path, []byte("ancien"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := Create(path)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if _, err := f.WriteString("moitié"); err != nil {
		t.Fatal(err)
	}
	f.Abort()
	if b, _ := os.ReadFile(path); string(b) != "ancien" {
		t.Fatalf("after Abort the file holds %q, want the old content", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("after Abort the folder holds %d entries, want only the old file", len(entries))
	}
	f, err = Create(path)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	defer f.Abort()
	if _, err := f.WriteString("nouveau"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "ancien" {
		t.Fatalf("before Commit the file holds %q, want the old content", b)
	}
	if err := f.Commit(); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "nouveau" {
		t.Fatalf("after Commit the file holds %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("after Commit the folder holds %d entries, want one", len(entries))
	}
}
