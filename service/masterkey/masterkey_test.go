package masterkey

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestSealOpen(t *testing.T) {
	k, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	secret := []byte("une clé privée de signature")
	sealed := k.Seal("signing-key:abc", secret)
	if bytes.Contains(sealed, secret) {
		t.Fatal("the sealed value contains the clear one")
	}
	if id, ok := SealedBy(sealed); !ok || id != k.ID() {
		t.Fatalf("SealedBy = %q %v, want %q", id, ok, k.ID())
	}
	if _, ok := SealedBy(secret); ok {
		t.Fatal("a clear value passes for sealed")
	}
	got, err := k.Open("signing-key:abc", sealed)
	if err != nil || !bytes.Equal(got, secret) {
		t.Fatalf("Open = %q, %v", got, err)
	}
	if bytes.Equal(sealed, k.Seal("signing-key:abc", secret)) {
		t.Fatal("two seals of one value are equal: the nonce repeats")
	}
	if _, err := k.Open("signing-key:other", sealed); err == nil {
		t.Fatal("a sealed value opens under another label")
	}
	tampered := bytes.Clone(sealed)
	tampered[len(tampered)-1] ^= 1
	if _, err := k.Open("signing-key:abc", tampered); err == nil {
		t.Fatal("an altered value opens")
	}
	other, _ := Generate()
	if _, err := other.Open("signing-key:abc", sealed); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("another key: %v, want ErrWrongKey", err)
	}
	if _, err := k.Open("x", sealed[:len(magic)+idLen+3]); err == nil {
		t.Fatal("a truncated value opens")
	}
}

// unixModes: Windows has no group or other permission bits to check.
const unixModes = runtime.GOOS != "windows"

func TestFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "master.key")
	k, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || unixModes && fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, %v; want 0600", fi.Mode().Perm(), err)
	}
	if _, err := Create(path); !errors.Is(err, os.ErrExist) {
		t.Fatalf("Create over an existing key: %v, want ErrExist", err)
	}
	loaded, err := Load(path)
	if err != nil || loaded.ID() != k.ID() {
		t.Fatalf("Load = %v, %v", loaded, err)
	}
	if got, err := loaded.Open("l", k.Seal("l", []byte("v"))); err != nil || string(got) != "v" {
		t.Fatalf("the loaded key does not open what the created one sealed: %v", err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path); unixModes && !errors.Is(err, ErrFileOpen) {
		t.Fatalf("Load of a 0644 file: %v, want ErrFileOpen", err)
	}
	for _, bad := range []string{"", "hello", filePrefix + "AAAA", filePrefix + "!!!"} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

// TestAuditSealKey: the journal's sealing key is the same for one master key loaded
// twice (every replica), another for another master key, and is neither the key file's
// content.
func TestAuditSealKey(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "master.key")
	k, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(k.AuditSealKey()) != 32 || !bytes.Equal(k.AuditSealKey(), again.AuditSealKey()) {
		t.Fatal("one master key gives two sealing keys")
	}
	other, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(k.AuditSealKey(), other.AuditSealKey()) {
		t.Fatal("two master keys give one sealing key")
	}
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(content, k.AuditSealKey()) {
		t.Fatal("the sealing key shows in the key file")
	}
}
