package service

import (
	"crypto/sha256"

	"sesame/service/msg"
)

// MaxDigestLookup is the most digests one LookupDigests call takes; a scan asks in
// batches of this size.
const MaxDigestLookup = 200

// The sentences of a digest look-up the caller got wrong.
const (
	MsgDigestsTooMany  msg.Code = "scan.digests_too_many"
	MsgDigestMalformed msg.Code = "scan.digest_malformed"
)

// SecretMatch is what the firm's keys say of the digest of a secret found somewhere:
// the key it opens, or nothing when the secret is no key's that the caller
// administers (an unknown secret).
type SecretMatch struct {
	Digest []byte // the digest asked about (SecretDigest)
	Key    *Key   // the key, as it is now; nil: unknown
	Old    bool   // the digest is the key's previous secret, still in its grace period
}

// Opens reports whether the secret found still opens its key: the key is active and
// unexpired (a suspended, revoked or expired key refuses it already) and, for an old
// secret, its grace period still runs.
func (m SecretMatch) Opens() bool {
	return m.Key != nil && m.Key.Status == StatusActive && (!m.Old || m.Key.OldSecret != nil)
}

// CheckDigests refuses a look-up of more than MaxDigestLookup digests, or of one that
// is not a SHA-256 digest, with EINVALID.
func CheckDigests(digests [][]byte) error {
	if len(digests) > MaxDigestLookup {
		e := Errorf(EINVALID, MsgDigestsTooMany, nil)
		e.Params = msg.Params{"Max": MaxDigestLookup}
		return e
	}
	for _, d := range digests {
		if len(d) != sha256.Size {
			return Errorf(EINVALID, MsgDigestMalformed, nil)
		}
	}
	return nil
}
