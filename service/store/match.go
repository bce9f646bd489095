package store

import (
	"bytes"
	"time"

	"sesame/service"
)

// MatchDigests answers a look-up from the keys KeysByDigest returned: for each
// digest, the key (as at now) whose current secret, or old secret still in its
// grace, has it, among the keys whose tiers visible accepts; none: unknown.
func MatchDigests(recs []KeyRecord, digests [][]byte, now time.Time, visible func(tiers string) bool) []service.SecretMatch {
	out := make([]service.SecretMatch, len(digests))
	for i, d := range digests {
		out[i].Digest = d
		for _, rec := range recs {
			if !visible(rec.Tiers) {
				continue
			}
			k := rec.Key.At(now)
			if bytes.Equal(d, rec.Digest) {
				out[i].Key = &k
				break
			}
			if k.OldSecret != nil && bytes.Equal(d, rec.OldDigest) {
				out[i].Key, out[i].Old = &k, true
				break
			}
		}
	}
	return out
}
