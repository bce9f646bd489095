package local

import (
	"bytes"
	"context"

	"sesame/service"
)

// LookupDigests matches the digests of secrets found by a scan against the keys of
// the tiers the administrator administers; a key of another firm stays unknown.
func (p *Portal) LookupDigests(ctx context.Context, digests [][]byte) ([]service.SecretMatch, error) {
	if err := service.CheckDigests(digests); err != nil {
		return nil, err
	}
	prof, err := p.Profile(ctx)
	if err != nil {
		return nil, err
	}
	recs, err := p.st.KeysByDigest(ctx, digests)
	if err != nil {
		return nil, err
	}
	now := p.now()
	out := make([]service.SecretMatch, len(digests))
	for i, d := range digests {
		out[i].Digest = d
		for _, rec := range recs {
			if !prof.Administers(rec.Tiers) {
				continue
			}
			k := rec.Key.At(now)
			switch {
			case bytes.Equal(d, rec.Digest):
				out[i].Key = &k
			case k.OldSecret != nil && bytes.Equal(d, rec.OldDigest):
				out[i].Key, out[i].Old = &k, true
			default:
				continue
			}
			break
		}
	}
	return out, nil
}
