package api

import (
	"encoding/hex"

	"sesame/service"
)

// DigestLookup is the body of POST /v1/keys/lookup-digests: the SHA-256 digests, in
// hexadecimal, of secrets a scan found. Never the secrets.
type DigestLookup struct {
	Digests []string `json:"digests"`
}

// DigestMatches answers a DigestLookup: one match per digest, in order.
type DigestMatches struct {
	Matches []DigestMatch `json:"matches"`
}

// DigestMatch is the key a digest's secret opens; no key: unknown.
type DigestMatch struct {
	Digest    string `json:"digest"`
	Key       *Key   `json:"key,omitempty"`
	OldSecret bool   `json:"oldSecret,omitempty"`
}

// FromDigests writes digests as a DigestLookup.
func FromDigests(digests [][]byte) DigestLookup {
	out := DigestLookup{Digests: make([]string, len(digests))}
	for i, d := range digests {
		out.Digests[i] = hex.EncodeToString(d)
	}
	return out
}

// ToDigests reads a DigestLookup; EINVALID for a digest that is not hexadecimal, or
// for too many (service.CheckDigests).
func (l DigestLookup) ToDigests() ([][]byte, error) {
	if len(l.Digests) > service.MaxDigestLookup {
		return nil, service.CheckDigests(make([][]byte, len(l.Digests)))
	}
	out := make([][]byte, len(l.Digests))
	for i, s := range l.Digests {
		d, err := hex.DecodeString(s)
		if err != nil {
			return nil, service.Errorf(service.EINVALID, service.MsgDigestMalformed, nil)
		}
		out[i] = d
	}
	return out, service.CheckDigests(out)
}

// FromSecretMatches writes a Portal's answer.
func FromSecretMatches(ms []service.SecretMatch) DigestMatches {
	out := DigestMatches{Matches: make([]DigestMatch, len(ms))}
	for i, m := range ms {
		out.Matches[i] = DigestMatch{Digest: hex.EncodeToString(m.Digest), OldSecret: m.Old}
		if m.Key != nil {
			k := FromKey(*m.Key)
			out.Matches[i].Key = &k
		}
	}
	return out
}

// ToSecretMatches reads the answer.
func (m DigestMatches) ToSecretMatches() []service.SecretMatch {
	out := make([]service.SecretMatch, len(m.Matches))
	for i, dm := range m.Matches {
		d, _ := hex.DecodeString(dm.Digest)
		out[i] = service.SecretMatch{Digest: d, Old: dm.OldSecret}
		if dm.Key != nil {
			k := dm.Key.ToKey()
			out[i].Key = &k
		}
	}
	return out
}
