package remote

import (
	"context"
	"net/http"
	"net/url"

	"sesame/service"
	"sesame/service/api"
)

// Handover implements service.Portal.
func (p *Portal) Handover(ctx context.Context, req service.HandoverRequest) (service.HandoverLink, error) {
	var out api.HandoverLink
	body := api.HandoverRequest{ValidityHours: int(req.Validity.Hours())}
	err := p.do(ctx, http.MethodPost, "/v1/keys/"+url.PathEscape(req.KeyID)+"/handover", nil, body, &out)
	if err != nil {
		return service.HandoverLink{}, err
	}
	return out.ToHandoverLink(), nil
}
