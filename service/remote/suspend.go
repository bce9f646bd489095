package remote

import (
	"context"
	"net/http"
	"net/url"

	"sesame/service"
	"sesame/service/api"
)

// Suspend implements service.Portal.
func (p *Portal) Suspend(ctx context.Context, req service.SuspendRequest) (service.Key, error) {
	return p.changeSuspension(ctx, req, "suspend")
}

// Resume implements service.Portal.
func (p *Portal) Resume(ctx context.Context, req service.SuspendRequest) (service.Key, error) {
	return p.changeSuspension(ctx, req, "resume")
}

// changeSuspension posts the reason to /v1/keys/{id}/{verb}.
func (p *Portal) changeSuspension(ctx context.Context, req service.SuspendRequest, verb string) (service.Key, error) {
	var out api.KeyAction
	body := api.SuspendRequest{Reason: req.Reason}
	err := p.do(ctx, http.MethodPost, "/v1/keys/"+url.PathEscape(req.KeyID)+"/"+verb, nil, body, &out)
	return out.Key.ToKey(), err
}
