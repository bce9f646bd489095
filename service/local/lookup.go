package local

import (
	"context"

	"sesame/service"
	"sesame/service/store"
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
	return store.MatchDigests(recs, digests, p.now(), prof.Administers), nil
}
