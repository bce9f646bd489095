//go:build unix

package scan_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"sesame/service/scan"
)

func TestLinkLoopsPipesAndDeniedFoldersAreSkipped(t *testing.T) {
	dir := t.TempDir()
	s := newSecret(t)
	write(t, filepath.Join(dir, "d", "a.txt"), "clé "+s)
	mustLink(t, "..", filepath.Join(dir, "d", "parent"))          // a folder on its own path
	mustLink(t, "self", filepath.Join(dir, "self"))               // a link to itself
	mustLink(t, filepath.Join(dir, "d"), filepath.Join(dir, "e")) // a folder elsewhere: read
	mustLink(t, "missing", filepath.Join(dir, "dangling"))
	if err := syscall.Mkfifo(filepath.Join(dir, "tube"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, rep := collect(t, scan.Options{}, dir)
	if len(got) != 2 {
		t.Errorf("found %v, want the secret twice (d/a.txt and e/a.txt)", places(got))
	}
	want := map[scan.SkipCause]int64{scan.SkipSymlinkLoop: 3, scan.SkipUnreadable: 2}
	if !equalCounts(rep.Skipped, want) {
		t.Fatalf("skipped %v, want %v", rep.Skipped, want)
	}
}

func mustLink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}
