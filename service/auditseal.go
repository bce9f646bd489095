package service

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"time"
)

// AuditSeal vouches for the journal's head at an instant: the number of the head
// event and its hash, with an HMAC-SHA256 made with a key the database does not hold
// (SealKey). An event rewritten up to Seq, every hash recomputed, no longer leads to
// Hash; a journal cut below Seq lacks the event; and whoever can only write to the
// database cannot make the MAC of a seal of their own.
type AuditSeal struct {
	ID   int64     // 1, 2, 3… in the order seals were made
	Firm string    // the firm whose administrator asked for it; "" for the daily seal
	Seq  int64     // the number of the event sealed, the head when the seal was made
	Hash string    // that event's hash, hex
	At   time.Time // when it was sealed
	MAC  []byte    // SealKey.Sign of the fields above
}

// SealKey is the key that seals the journal's head: on a server derived from the
// master key, on the desktop kept in the OS keychain.
type SealKey struct{ k [sealKeyLen]byte }

// sealKeyLen is the length of a sealing key, in bytes.
const sealKeyLen = 32

// sealVersion starts every sealed form, so that a future form cannot be taken for it.
const sealVersion = "sesame-audit-seal-v1"

// NewSealKey makes a sealing key of 32 bytes.
func NewSealKey(raw []byte) (*SealKey, error) {
	if len(raw) != sealKeyLen {
		return nil, errors.New("service: a sealing key has 32 bytes")
	}
	k := &SealKey{}
	copy(k.k[:], raw)
	return k, nil
}

// Sign returns the MAC of a seal: HMAC-SHA256 of the version, its number, firm,
// event number, hash and instant (Unix microseconds), texts as their length (8 bytes,
// big-endian) and bytes.
func (k *SealKey) Sign(s AuditSeal) []byte {
	b := append([]byte(nil), sealVersion...)
	b = binary.BigEndian.AppendUint64(b, uint64(s.ID))
	for _, t := range [...]string{s.Firm, s.Hash} {
		b = binary.BigEndian.AppendUint64(b, uint64(len(t)))
		b = append(b, t...)
	}
	b = binary.BigEndian.AppendUint64(b, uint64(s.Seq))
	b = binary.BigEndian.AppendUint64(b, uint64(s.At.UnixMicro()))
	m := hmac.New(sha256.New, k.k[:])
	m.Write(b)
	return m.Sum(nil)
}

// Authentic reports whether the seal's MAC is the one this key makes.
func (k *SealKey) Authentic(s AuditSeal) bool { return hmac.Equal(s.MAC, k.Sign(s)) }
