package service

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestNewCredentialsShape(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 200; i++ {
		c, err := NewCredentials()
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Identifier) != IdentifierLength {
			t.Fatalf("identifier length %d, want %d", len(c.Identifier), IdentifierLength)
		}
		if id, err := ParseIdentifier(c.Identifier); err != nil || id != c.Identifier {
			t.Fatalf("identifier %q does not parse to itself: %q, %v", c.Identifier, id, err)
		}
		if strings.ContainsAny(c.Identifier, "ILOU") {
			t.Fatalf("identifier %q holds an ambiguous letter", c.Identifier)
		}
		if err := CheckSecret(c.Secret); err != nil {
			t.Fatalf("a fresh secret fails its own check: %v", err)
		}
		if seen[c.Identifier] || seen[c.Secret] {
			t.Fatal("two draws gave the same value")
		}
		seen[c.Identifier], seen[c.Secret] = true, true
	}
}

func TestNewCredentialsUsesAll256Bits(t *testing.T) {
	// All-zero and all-one randomness must still give valid, distinct secrets.
	zero, err := newCredentials(bytes.NewReader(make([]byte, 42)))
	if err != nil {
		t.Fatal(err)
	}
	ones, err := newCredentials(bytes.NewReader(bytes.Repeat([]byte{0xff}, 42)))
	if err != nil {
		t.Fatal(err)
	}
	if CheckSecret(zero.Secret) != nil || CheckSecret(ones.Secret) != nil || zero.Secret == ones.Secret {
		t.Fatal("extreme randomness gave an invalid or repeated secret")
	}
	if _, err := newCredentials(bytes.NewReader(make([]byte, 10))); err == nil {
		t.Fatal("a short read of randomness must fail, not give a weak key")
	}
}

func TestParseIdentifier(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"7KQ2-M9XD-4TRB-H3WZ", "7KQ2-M9XD-4TRB-H3WZ", true},
		{"7kq2m9xd4trbh3wz", "7KQ2-M9XD-4TRB-H3WZ", true},
		{"7KQ2 M9XD 4TRB H3WZ", "7KQ2-M9XD-4TRB-H3WZ", true},
		{"OOOO-IIII-LLLL-0000", "0000-1111-1111-0000", true}, // dictated look-alikes
		{"7KQ2-M9XD-4TRB-H3W", "", false},                    // too short
		{"7KQ2-M9XD-4TRB-H3WZZ", "", false},                  // too long
		{"7KQ2-M9XD-4TRB-H3WU", "", false},                   // U is not Crockford
		{"7KQ2:M9XD-4TRB-H3WZ", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, err := ParseIdentifier(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseIdentifier(%q) = %q, %v; want %q, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
		if !tt.ok && !errors.Is(err, ErrBadIdentifier) {
			t.Errorf("ParseIdentifier(%q) error %v is not ErrBadIdentifier", tt.in, err)
		}
	}
}

func TestCheckSecretRejectsTypos(t *testing.T) {
	c, err := NewCredentials()
	if err != nil {
		t.Fatal(err)
	}
	s := c.Secret
	swap := func(i int) string {
		b := []byte(s)
		if b[i] == 'a' {
			b[i] = 'b'
		} else {
			b[i] = 'a'
		}
		return string(b)
	}
	bad := map[string]string{
		"empty":            "",
		"no prefix":        strings.TrimPrefix(s, SecretPrefix),
		"other prefix":     "ghp_" + s[len(SecretPrefix):],
		"truncated":        s[:len(s)-1],
		"extra character":  s + "a",
		"typo in body":     swap(len(SecretPrefix) + 5),
		"typo in checksum": swap(len(s) - 1),
		"space inside":     s[:10] + " " + s[11:],
		"url-unsafe":       s[:10] + "+" + s[11:],
	}
	for name, v := range bad {
		if err := CheckSecret(v); !errors.Is(err, ErrBadSecret) {
			t.Errorf("%s: CheckSecret accepted it (err=%v)", name, err)
		}
	}
}

func TestSecretDigestAndHint(t *testing.T) {
	c, _ := NewCredentials()
	d := SecretDigest(c.Secret)
	if len(d) != 32 || !SecretMatches(c.Secret, d) {
		t.Fatal("a secret must match its own SHA-256 digest")
	}
	other, _ := NewCredentials()
	if SecretMatches(other.Secret, d) {
		t.Fatal("another secret matched the digest")
	}
	h := SecretHint(c.Secret)
	if h != c.Secret[:len(SecretPrefix)+4]+"…" {
		t.Fatal("the hint is not the prefix and the first 4 characters")
	}
}

func FuzzParseIdentifier(f *testing.F) {
	for _, s := range []string{"7KQ2-M9XD-4TRB-H3WZ", "oooo-iiii-llll-0000", "", "----", "ü"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseIdentifier(s)
		if err != nil {
			return
		}
		again, err := ParseIdentifier(id)
		if err != nil || again != id || len(id) != IdentifierLength {
			t.Fatalf("canonical form %q of %q does not parse to itself", id, s)
		}
	})
}

func FuzzCheckSecret(f *testing.F) {
	c, _ := NewCredentials()
	f.Add(c.Secret)
	f.Add("ssk_")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		if CheckSecret(s) != nil {
			return
		}
		if len(s) != SecretLength || !strings.HasPrefix(s, SecretPrefix) {
			t.Fatalf("accepted a secret of the wrong shape (length %d)", len(s))
		}
		// A valid secret stays valid, and one changed character never does.
		b := []byte(s)
		b[len(SecretPrefix)] ^= 1
		if CheckSecret(string(b)) == nil && string(b) != s {
			// Only possible if the flip leaves the alphabet; otherwise the CRC catches it.
			if strings.IndexByte(base62Alphabet, b[len(SecretPrefix)]) >= 0 {
				t.Fatal("a one-character change passed the checksum")
			}
		}
	})
}
