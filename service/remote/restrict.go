package remote

import (
	"context"
	"net/http"
	"net/url"

	"sesame/service"
	"sesame/service/api"
)

// Restrict implements service.Portal.
func (p *Portal) Restrict(ctx context.Context, req service.RestrictRequest) (service.Key, error) {
	var out api.KeyAction
	v := req.FromVersion
	body := api.RestrictRequest{Version: &v, Restrictions: api.FromRestrictionsInput(req.Restrictions)}
	if body.Restrictions == nil {
		body.Restrictions = &api.Restrictions{}
	}
	err := p.do(ctx, http.MethodPut, "/v1/keys/"+url.PathEscape(req.KeyID)+"/restrictions", nil, body, &out)
	return out.Key.ToKey(), err
}
