package service

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strings"
)

// GenesisHash is the "previous hash" of the first event of every chain: 32 zero
// bytes, in hex.
var GenesisHash = strings.Repeat("0", 2*sha256.Size)

// chainVersion starts every canonical form, so that a future form cannot be mistaken
// for this one.
const chainVersion = "sesame-audit-v1"

// AppendCanonical appends the canonical content of an event to b: the version, then
// ID, instant (Unix microseconds), actor, login, action, key ID, key name, tiers,
// service, address and detail, each text as its length (8 bytes, big-endian) and its
// UTF-8 bytes. The stored Hash itself is not part of it.
func AppendCanonical(b []byte, ev AuditEvent) []byte {
	b = append(b, chainVersion...)
	b = binary.BigEndian.AppendUint64(b, uint64(ev.ID))
	b = binary.BigEndian.AppendUint64(b, uint64(ev.At.UnixMicro()))
	for _, s := range [...]string{ev.Actor, ev.Login, string(ev.Action), ev.KeyID, ev.KeyName,
		ev.Tiers, ev.Service, ev.Addr, ev.Detail} {
		b = binary.BigEndian.AppendUint64(b, uint64(len(s)))
		b = append(b, s...)
	}
	return b
}

// ChainHash returns the hash of an event following the one whose hash is prev (hex):
// SHA-256 of prev's 32 bytes followed by the event's canonical content, in hex. An
// unreadable prev chains as the genesis would not: it is hashed as given.
func ChainHash(prev string, ev AuditEvent) string {
	var buf [512]byte
	return hex.EncodeToString(chainSum(buf[:0], prev, ev))
}

// chainSum is ChainHash's raw digest, written into scratch when it is large enough.
func chainSum(scratch []byte, prev string, ev AuditEvent) []byte {
	p, err := hex.DecodeString(prev)
	if err != nil || len(p) != sha256.Size {
		p = []byte(prev)
	}
	b := append(scratch, p...)
	b = AppendCanonical(b, ev)
	sum := sha256.Sum256(b)
	return sum[:]
}
