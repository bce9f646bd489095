package remote

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"sesame/service"
	"sesame/service/api"
)

var _ service.Notifications = (*Portal)(nil)

// NotifyChoice implements service.Notifications: GET /v1/notifications/choice.
func (p *Portal) NotifyChoice(ctx context.Context) (service.NotifyChoice, error) {
	var out api.NotifyChoice
	err := p.do(ctx, http.MethodGet, "/v1/notifications/choice", nil, nil, &out)
	return service.NotifyChoice{Email: out.Email, Language: out.Language, Kinds: out.Kinds()}, err
}

// SetNotifyChoice implements service.Notifications: PUT /v1/notifications/choice.
func (p *Portal) SetNotifyChoice(ctx context.Context, c service.NotifyChoice) (service.NotifyChoice, error) {
	in := api.NotifyChoice{Email: c.Email, Language: c.Language, Events: []string{}}
	for _, k := range c.Kinds {
		in.Events = append(in.Events, string(k))
	}
	var out api.NotifyChoice
	err := p.do(ctx, http.MethodPut, "/v1/notifications/choice", nil, in, &out)
	return service.NotifyChoice{Email: out.Email, Language: out.Language, Kinds: out.Kinds()}, err
}

// Deliveries implements service.Notifications: GET /v1/notifications/deliveries.
func (p *Portal) Deliveries(ctx context.Context, failed bool) ([]service.Delivery, error) {
	q := url.Values{}
	if failed {
		q.Set("status", "failed")
	}
	var out api.DeliveryList
	if err := p.do(ctx, http.MethodGet, "/v1/notifications/deliveries", q, nil, &out); err != nil {
		return nil, err
	}
	ds := make([]service.Delivery, 0, len(out.Deliveries))
	for _, d := range out.Deliveries {
		sd := service.Delivery{ID: d.ID, Kind: service.NotifyKind(d.Type), Channel: d.Channel, Target: d.Target,
			Status: d.Status, Attempts: d.Attempts, CreatedAt: d.CreatedAt, LastResult: d.LastResult}
		if d.LastAt != nil {
			sd.LastAt = *d.LastAt
		}
		ds = append(ds, sd)
	}
	return ds, nil
}

// Webhooks implements service.Notifications: GET /v1/notifications/webhooks.
func (p *Portal) Webhooks(ctx context.Context) ([]service.Webhook, error) {
	var out []api.Webhook
	if err := p.do(ctx, http.MethodGet, "/v1/notifications/webhooks", nil, nil, &out); err != nil {
		return nil, err
	}
	ws := make([]service.Webhook, 0, len(out))
	for _, w := range out {
		ws = append(ws, service.Webhook{ID: w.ID, URL: w.URL, Kinds: api.NewWebhook{Events: w.Events}.Kinds()})
	}
	return ws, nil
}

// RetryDelivery implements service.Notifications: POST …/deliveries/{id}/retry.
func (p *Portal) RetryDelivery(ctx context.Context, id int64) error {
	var out api.Delivery
	return p.do(ctx, http.MethodPost, fmt.Sprintf("/v1/notifications/deliveries/%d/retry", id), nil, nil, &out)
}

// AddWebhook implements service.Notifications: POST /v1/notifications/webhooks.
func (p *Portal) AddWebhook(ctx context.Context, u string, kinds []service.NotifyKind) (service.Webhook, string, error) {
	in := api.NewWebhook{URL: u, Events: []string{}}
	for _, k := range kinds {
		in.Events = append(in.Events, string(k))
	}
	var out api.Webhook
	if err := p.do(ctx, http.MethodPost, "/v1/notifications/webhooks", nil, in, &out); err != nil {
		return service.Webhook{}, "", err
	}
	return service.Webhook{ID: out.ID, URL: out.URL, Kinds: api.NewWebhook{Events: out.Events}.Kinds()}, out.Secret, nil
}

// RemoveWebhook implements service.Notifications: DELETE …/webhooks/{id}.
func (p *Portal) RemoveWebhook(ctx context.Context, id string) error {
	resp, err := p.send(ctx, http.MethodDelete, "/v1/notifications/webhooks/"+url.PathEscape(id), nil, nil)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// SMTP implements service.Notifications: GET /v1/notifications/smtp.
func (p *Portal) SMTP(ctx context.Context) (service.SMTPSettings, error) {
	var out api.SMTPSettings
	err := p.do(ctx, http.MethodGet, "/v1/notifications/smtp", nil, nil, &out)
	return fromSMTP(out), err
}

// SetSMTP implements service.Notifications: PUT /v1/notifications/smtp.
func (p *Portal) SetSMTP(ctx context.Context, c service.SMTPSettings) (service.SMTPSettings, error) {
	in := api.SMTPSettings{Host: c.Host, Port: c.Port, StartTLS: c.StartTLS, User: c.User, Password: c.Password, From: c.From}
	var out api.SMTPSettings
	err := p.do(ctx, http.MethodPut, "/v1/notifications/smtp", nil, in, &out)
	return fromSMTP(out), err
}

// TestSMTP implements service.Notifications: POST /v1/notifications/smtp/test.
func (p *Portal) TestSMTP(ctx context.Context, to string) (string, error) {
	var out api.SMTPTestResult
	err := p.do(ctx, http.MethodPost, "/v1/notifications/smtp/test", nil, api.SMTPTest{To: to}, &out)
	return out.Reply, err
}

// fromSMTP is the wire's SMTP settings as the app knows them (no password comes).
func fromSMTP(c api.SMTPSettings) service.SMTPSettings {
	return service.SMTPSettings{Host: c.Host, Port: c.Port, StartTLS: c.StartTLS, User: c.User, PasswordSet: c.PasswordSet, From: c.From}
}
