package httpserver

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Administrator passwords are hashed with argon2id at OWASP's first recommended
// setting (m = 19 MiB, t = 2, p = 1) and stored in the PHC string format:
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>, both in unpadded standard base64.
const (
	argonMemoryKiB = 19 * 1024
	argonTime      = 2
	argonThreads   = 1
	argonSaltLen   = 16
	argonKeyLen    = 32

	// Bounds on the parameters read back from a stored hash, so that a tampered
	// record cannot make one login cost gigabytes or minutes.
	maxArgonMemoryKiB = 256 * 1024
	maxArgonTime      = 10
	maxArgonThreads   = 8
)

var b64 = base64.RawStdEncoding

// ErrBadPasswordHash is returned for a stored hash that is not argon2id PHC.
var ErrBadPasswordHash = errors.New("malformed password hash")

// HashPassword returns the argon2id PHC string of a password, with a fresh salt.
func HashPassword(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemoryKiB, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemoryKiB, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether password matches the PHC string, comparing in
// constant time with the parameters the hash was made with.
func VerifyPassword(password, phc string) (bool, error) {
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return false, ErrBadPasswordHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, ErrBadPasswordHash
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil ||
		m == 0 || m > maxArgonMemoryKiB || t == 0 || t > maxArgonTime || p == 0 || p > maxArgonThreads {
		return false, ErrBadPasswordHash
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return false, ErrBadPasswordHash
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) < 16 || len(want) > 64 {
		return false, ErrBadPasswordHash
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// passwords checks administrators' passwords a few at a time (each check holds 19 MiB)
// and spends the same work on unknown logins as on known ones.
type passwords struct {
	slots chan struct{}
	dummy string
}

// maxConcurrentHashes bounds the memory logins can take: 4 × 19 MiB.
const maxConcurrentHashes = 4

func newPasswords() (*passwords, error) {
	dummy, err := HashPassword(rand.Text())
	if err != nil {
		return nil, err
	}
	return &passwords{slots: make(chan struct{}, maxConcurrentHashes), dummy: dummy}, nil
}

// check verifies password against phc, or against a dummy hash when phc is empty
// (unknown login), in which case it always fails.
func (p *passwords) check(password, phc string) bool {
	p.slots <- struct{}{}
	defer func() { <-p.slots }()
	if phc == "" {
		_, _ = VerifyPassword(password, p.dummy)
		return false
	}
	ok, err := VerifyPassword(password, phc)
	return err == nil && ok
}
