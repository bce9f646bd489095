package remote

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"sesame/service"
)

// SignOut revokes the refresh token at the server (RFC 7009), then deletes it from the
// keychain. The local copy is deleted even when the server cannot be reached; that
// failure is returned so the user knows the server may still hold the session.
func (s *Session) SignOut(ctx context.Context) error {
	s.mu.Lock()
	src, ok := s.src.(*savingSource)
	s.src = nil
	revokeURL := s.meta.Revocation
	s.mu.Unlock()
	var revokeErr error
	if ok && revokeURL != "" {
		revokeErr = s.revoke(ctx, revokeURL, src.refreshToken())
	}
	delErr := s.keys.Delete(ctx, s.server)
	return errors.Join(revokeErr, delErr)
}

func (s *Session) revoke(ctx context.Context, endpoint, refresh string) error {
	if refresh == "" {
		return nil
	}
	form := url.Values{"token": {refresh}, "token_type_hint": {"refresh_token"}, "client_id": {ClientID}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return service.Errorf(service.EINTERNAL, service.MsgUnexpected, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := s.client.Do(req)
	if err != nil {
		return classifyNet(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return service.Errorf(service.EUNAVAILABLE, service.MsgUnavailable, fmt.Errorf("revoke: %s", resp.Status))
	}
	return nil
}
