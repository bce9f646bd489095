// Package remote is the desktop's side of the firm's server: the loopback sign-in
// (OAuth2 authorization code + PKCE, RFC 8252), the session that keeps only the
// refresh token, in the OS keychain, and a Portal that speaks the server's /v1 API so
// that the GUI works exactly as in local mode.
package remote

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"

	"golang.org/x/oauth2"

	"sesame/service"
	"sesame/service/api"
)

// Portal is service.Portal over the server's /v1 API.
type Portal struct {
	base   string // the server's URL, without a trailing slash
	tokens oauth2.TokenSource
	client *http.Client
}

// maxResponse caps what the client reads of one answer.
const maxResponse = 4 << 20

// Profile implements service.Portal.
func (p *Portal) Profile(ctx context.Context) (service.Profile, error) {
	var out api.Profile
	err := p.do(ctx, http.MethodGet, "/v1/profile", nil, nil, &out)
	return out.ToProfile(), err
}

// Catalogue implements service.Portal.
func (p *Portal) Catalogue(ctx context.Context) (service.Catalogue, error) {
	var out api.Catalogue
	err := p.do(ctx, http.MethodGet, "/v1/catalogue", nil, nil, &out)
	return out, err
}

// ListKeys implements service.Portal.
func (p *Portal) ListKeys(ctx context.Context, f service.KeyFilter) (service.KeyPage, error) {
	var out api.KeyPage
	err := p.do(ctx, http.MethodGet, "/v1/keys", api.KeyFilterQuery(f), nil, &out)
	return out.ToKeyPage(), err
}

// Generate implements service.Portal. The name is checked here first, so that a bad
// one gets its message without a round trip.
func (p *Portal) Generate(ctx context.Context, req service.GenerateRequest) (service.GeneratedKey, error) {
	if err := service.ValidateKeyName(req.Name); err != nil {
		return service.GeneratedKey{}, err
	}
	var out api.GenerateResponse
	err := p.do(ctx, http.MethodPost, "/v1/keys", nil, api.FromGenerateRequest(req), &out)
	return out.ToGeneratedKey(), err
}

// Revoke implements service.Portal.
func (p *Portal) Revoke(ctx context.Context, keyID string) (service.Key, error) {
	var out api.KeyAction
	err := p.do(ctx, http.MethodPost, "/v1/keys/"+url.PathEscape(keyID)+"/revoke", nil, nil, &out)
	return out.Key.ToKey(), err
}

// do sends one authenticated call and decodes its answer into out, or its problem
// document into a *service.Error.
func (p *Portal) do(ctx context.Context, method, path string, query url.Values, body, out any) error {
	resp, err := p.send(ctx, method, path, query, body)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return classifyNet(err)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return service.Errorf(service.EUNAVAILABLE, service.MsgUnavailable, fmt.Errorf("%s %s: bad JSON: %w", method, path, err))
	}
	return nil
}

// send sends one authenticated call and returns its successful answer, whose body
// the caller reads and closes; an error status becomes the problem's *service.Error.
func (p *Portal) send(ctx context.Context, method, path string, query url.Values, body any) (*http.Response, error) {
	tok, err := p.tokens.Token()
	if err != nil {
		return nil, classifyOAuth(err)
	}
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, service.Errorf(service.EINTERNAL, service.MsgUnexpected, err)
		}
		rd = bytes.NewReader(b)
	}
	u := p.base + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return nil, service.Errorf(service.EINTERNAL, service.MsgUnexpected, err)
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	tok.SetAuthHeader(req)
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, classifyNet(err)
	}
	if resp.StatusCode >= 300 {
		defer resp.Body.Close()
		data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
		if err != nil {
			return nil, classifyNet(err)
		}
		return nil, problemError(resp, data)
	}
	return resp, nil
}

// problemError rebuilds the service error the server answered.
func problemError(resp *http.Response, data []byte) error {
	var prob api.Problem
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt != api.MediaTypeProblem || json.Unmarshal(data, &prob) != nil {
		prob = api.Problem{Status: resp.StatusCode}
	}
	if prob.Status == 0 {
		prob.Status = resp.StatusCode
	}
	e := prob.Err()
	e.Err = errors.New(resp.Status)
	return e
}
