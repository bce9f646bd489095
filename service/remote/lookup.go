package remote

import (
	"context"
	"fmt"
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
	if len(out.Matches) != len(digests) {
		return nil, service.Errorf(service.EINTERNAL, service.MsgUnexpected,
			fmt.Errorf("lookup-digests: %d matches for %d digests", len(out.Matches), len(digests)))
	}
	return out.ToSecretMatches(), nil
}
