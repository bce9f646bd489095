package remote

import (
	"context"
	"net/http"
	"net/url"

	"sesame/service"
	"sesame/service/api"
)

// Renew implements service.Portal.
func (p *Portal) Renew(ctx context.Context, req service.RenewRequest) (service.GeneratedKey, error) {
	var out api.GenerateResponse
	body := api.RenewRequest{Grace: string(req.Grace), Version: &req.Version}
	err := p.do(ctx, http.MethodPost, "/v1/keys/"+url.PathEscape(req.KeyID)+"/renew", nil, body, &out)
	return out.ToGeneratedKey(), err
}

// EndGrace implements service.Portal.
func (p *Portal) EndGrace(ctx context.Context, keyID string) (service.Key, error) {
	var out api.KeyAction
	err := p.do(ctx, http.MethodPost, "/v1/keys/"+url.PathEscape(keyID)+"/end-grace", nil, nil, &out)
	return out.Key.ToKey(), err
}

// KeyDetails implements service.Portal.
func (p *Portal) KeyDetails(ctx context.Context, keyID string) (service.KeyDetails, error) {
	var out api.KeyDetails
	err := p.do(ctx, http.MethodGet, "/v1/keys/"+url.PathEscape(keyID), nil, nil, &out)
	return out.ToKeyDetails(), err
}

// ExpiringKeys implements service.Portal.
func (p *Portal) ExpiringKeys(ctx context.Context) ([]service.Key, error) {
	var out api.KeyList
	err := p.do(ctx, http.MethodGet, "/v1/keys/expiring", nil, nil, &out)
	return out.ToKeys(), err
}
