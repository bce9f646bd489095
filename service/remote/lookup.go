package remote

import (
	"context"
	"net/http"

	"sesame/service"
	"sesame/service/api"
)

// LookupDigests implements service.Portal: only the digests are posted.
func (p *Portal) LookupDigests(ctx context.Context, digests [][]byte) ([]service.SecretMatch, error) {
	if err := service.CheckDigests(digests); err != nil {
		return nil, err
	}
	var out api.DigestMatches
	if err := p.do(ctx, http.MethodPost, "/v1/keys/lookup-digests", nil, api.FromDigests(digests), &out); err != nil {
		return nil, err
	}
	return out.ToSecretMatches(), nil
}
