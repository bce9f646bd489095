// Package masterkey is the server's key-encryption key: a 256-bit key kept in a file
// outside the database (one file, the same on every replica), with which the server
// seals what would let a reader of the database mint tokens — its signing keys and
// shared secrets — using AES-256-GCM. A copy of the database without that file holds
// nothing usable.
package masterkey

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
)

// Key is a loaded master key.
type Key struct {
	aead cipher.AEAD
	id   [idLen]byte
	seal [keyLen]byte // the journal's sealing key (AuditSealKey)
}

const (
	keyLen   = 32
	idLen    = 8
	nonceLen = 12
	// filePrefix starts a key file, so that the file says what it is.
	filePrefix = "sesame-master-key-v1:"
)

// magic starts every sealed value: what tells a sealed value from a clear one.
var magic = []byte("SMK1")

// ErrWrongKey is a sealed value that another master key sealed (see WrongKeyError).
var ErrWrongKey = errors.New("sealed with another master key")

// WrongKeyError names the key that sealed a value and the one given to open it, by
// their fingerprints (ID).
type WrongKeyError struct{ Sealer, Given string }

func (e *WrongKeyError) Error() string {
	return fmt.Sprintf("sealed with master key %s, not %s", e.Sealer, e.Given)
}

// Is makes errors.Is(err, ErrWrongKey) hold.
func (e *WrongKeyError) Is(target error) bool { return target == ErrWrongKey }

// Generate draws a new master key.
func Generate() (*Key, error) {
	raw := make([]byte, keyLen)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	return fromRaw(raw)
}

func fromRaw(raw []byte) (*Key, error) {
	block, err := aes.NewCipher(raw)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	k := &Key{aead: aead}
	mac := hmac.New(sha256.New, raw)
	mac.Write([]byte("sesame master key id"))
	copy(k.id[:], mac.Sum(nil))
	seal, err := hkdf.Key(sha256.New, raw, nil, "sesame audit seal v1", keyLen)
	if err != nil {
		return nil, err
	}
	copy(k.seal[:], seal)
	return k, nil
}

// encode is the content of a key file: the prefix and the key in base64url, one line.
func encode(raw []byte) []byte {
	return []byte(filePrefix + base64.RawURLEncoding.EncodeToString(raw) + "\n")
}

// Parse reads the content of a key file.
func Parse(content []byte) (*Key, error) {
	s := bytes.TrimSpace(content)
	if !bytes.HasPrefix(s, []byte(filePrefix)) {
		return nil, errors.New("not a master key file")
	}
	raw, err := base64.RawURLEncoding.DecodeString(string(s[len(filePrefix):]))
	if err != nil || len(raw) != keyLen {
		return nil, errors.New("damaged master key file")
	}
	return fromRaw(raw)
}

// ID is the key's fingerprint: 16 hex digits that name it in messages and in every
// value it seals, and reveal nothing of it.
func (k *Key) ID() string { return hex.EncodeToString(k.id[:]) }

// AuditSealKey is the key that seals the audit journal's head (service.SealKey),
// derived from the master key with HKDF-SHA256: the database holds none of it, and
// every replica derives the same.
func (k *Key) AuditSealKey() []byte { return bytes.Clone(k.seal[:]) }

// Seal encrypts plain. The label (what the value is, e.g. "signing-key:KID") is bound
// to the result: a sealed value moved to another row does not open.
func (k *Key) Seal(label string, plain []byte) []byte {
	nonce := make([]byte, nonceLen)
	_, _ = rand.Read(nonce) // never fails (crypto/rand documentation)
	out := make([]byte, 0, len(magic)+idLen+nonceLen+len(plain)+k.aead.Overhead())
	out = append(out, magic...)
	out = append(out, k.id[:]...)
	out = append(out, nonce...)
	return k.aead.Seal(out, nonce, plain, aad(label))
}

// Open decrypts a value Seal made with this key and the same label. ErrWrongKey if
// another key sealed it.
func (k *Key) Open(label string, sealed []byte) ([]byte, error) {
	id, ok := SealedBy(sealed)
	if !ok {
		return nil, errors.New("not a sealed value")
	}
	if id != k.ID() {
		return nil, &WrongKeyError{Sealer: id, Given: k.ID()}
	}
	body := sealed[len(magic)+idLen:]
	if len(body) < nonceLen+k.aead.Overhead() {
		return nil, errors.New("truncated sealed value")
	}
	plain, err := k.aead.Open(nil, body[:nonceLen], body[nonceLen:], aad(label))
	if err != nil {
		return nil, fmt.Errorf("sealed value %q altered or moved", label)
	}
	return plain, nil
}

// SealedBy returns the fingerprint of the key that sealed a value, and false for a
// value that is not sealed (stored in clear by an older Sésame).
func SealedBy(v []byte) (string, bool) {
	if len(v) < len(magic)+idLen || !bytes.Equal(v[:len(magic)], magic) {
		return "", false
	}
	return hex.EncodeToString(v[len(magic) : len(magic)+idLen]), true
}

func aad(label string) []byte { return []byte("sesame:" + label) }
