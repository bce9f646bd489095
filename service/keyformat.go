package service

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"errors"
	"hash/crc32"
	"io"
	"math/big"
	"strings"
)

// Key format.
//
// Identifier: 80 random bits in Crockford base32 (no I, L, O, U), upper case, in four
// groups of four: "7KQ2-M9XD-4TRB-H3WZ". Public; easy to read aloud and dictate.
//
// Secret: "ssk_" + 256 random bits in base62 (43 characters) + a 6-character base62
// CRC-32 of what precedes it. The prefix lets scanners find a leaked secret; the
// checksum rejects a mistyped one offline; base62 selects with one double-click.
const (
	SecretPrefix     = "ssk_"
	secretBodyLen    = 43 // base62 digits for 256 bits
	secretCheckLen   = 6  // base62 digits for 32 bits
	SecretLength     = len(SecretPrefix) + secretBodyLen + secretCheckLen
	IdentifierLength = 19 // 16 symbols and 3 hyphens
)

const base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

var crockford = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

// Errors of the key format, for callers that check credentials before any look-up.
var (
	ErrBadIdentifier = errors.New("malformed key identifier")
	ErrBadSecret     = errors.New("malformed key secret")
)

// Credentials are the two parts of a new key, shown once to the administrator.
type Credentials struct {
	Identifier string
	Secret     string
}

// NewCredentials draws a fresh identifier and secret from crypto/rand.
func NewCredentials() (Credentials, error) { return newCredentials(rand.Reader) }

func newCredentials(r io.Reader) (Credentials, error) {
	var id [10]byte
	var body [32]byte
	if _, err := io.ReadFull(r, id[:]); err != nil {
		return Credentials{}, err
	}
	if _, err := io.ReadFull(r, body[:]); err != nil {
		return Credentials{}, err
	}
	enc := crockford.EncodeToString(id[:])
	ident := enc[0:4] + "-" + enc[4:8] + "-" + enc[8:12] + "-" + enc[12:16]
	s := SecretPrefix + base62(body[:], secretBodyLen)
	s += checksum(s)
	return Credentials{Identifier: ident, Secret: s}, nil
}

// ParseIdentifier returns the canonical form of an identifier as typed or dictated:
// case, hyphens and spaces are forgiven, O reads as 0 and I or L as 1.
func ParseIdentifier(s string) (string, error) {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch r {
		case '-', ' ':
			continue
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		b.WriteRune(r)
	}
	raw := b.String()
	if len(raw) != 16 {
		return "", ErrBadIdentifier
	}
	if _, err := crockford.DecodeString(raw); err != nil {
		return "", ErrBadIdentifier
	}
	return raw[0:4] + "-" + raw[4:8] + "-" + raw[8:12] + "-" + raw[12:16], nil
}

// CheckSecret verifies a secret's shape and checksum without any look-up.
func CheckSecret(s string) error {
	if len(s) != SecretLength || !strings.HasPrefix(s, SecretPrefix) {
		return ErrBadSecret
	}
	for i := len(SecretPrefix); i < len(s); i++ {
		if strings.IndexByte(base62Alphabet, s[i]) < 0 {
			return ErrBadSecret
		}
	}
	cut := len(s) - secretCheckLen
	if subtle.ConstantTimeCompare([]byte(checksum(s[:cut])), []byte(s[cut:])) != 1 {
		return ErrBadSecret
	}
	return nil
}

// SecretDigest is what stores keep instead of the secret: SHA-256, enough for 256
// random bits, and fast enough to verify thousands of requests a second.
func SecretDigest(secret string) []byte {
	d := sha256.Sum256([]byte(secret))
	return d[:]
}

// SecretMatches compares a presented secret with a stored digest in constant time.
func SecretMatches(secret string, digest []byte) bool {
	d := sha256.Sum256([]byte(secret))
	return subtle.ConstantTimeCompare(d[:], digest) == 1
}

// SecretHint is the short non-secret reminder stored beside the digest: the prefix
// and the first four characters ("ssk_Ab3x…"), 24 of the 256 bits.
func SecretHint(secret string) string {
	if len(secret) < len(SecretPrefix)+4 {
		return ""
	}
	return secret[:len(SecretPrefix)+4] + "…"
}

func checksum(s string) string {
	var b [4]byte
	c := crc32.ChecksumIEEE([]byte(s))
	b[0], b[1], b[2], b[3] = byte(c>>24), byte(c>>16), byte(c>>8), byte(c)
	return base62(b[:], secretCheckLen)
}

// base62 encodes b as a fixed-width big-endian base62 number.
func base62(b []byte, width int) string {
	n := new(big.Int).SetBytes(b)
	out := make([]byte, width)
	base := big.NewInt(62)
	mod := new(big.Int)
	for i := width - 1; i >= 0; i-- {
		n.DivMod(n, base, mod)
		out[i] = base62Alphabet[mod.Int64()]
	}
	return string(out)
}
