package remote

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"sesame/service"
	"sesame/service/keychain"
	"sesame/service/msg"
)

// ClientID is the desktop app's public OAuth2 client at the firm's server.
const ClientID = "sesame-desktop"

// RequestTimeout bounds every call to the server.
const RequestTimeout = 15 * time.Second

// Session is the desktop's connection to one firm server: the OAuth2 endpoints, the
// token source that refreshes and rotates tokens for as long as the app runs, and the
// keychain that keeps the refresh token between runs (and nothing else, nowhere else).
type Session struct {
	server    string
	appCtx    context.Context
	client    *http.Client
	transport *http.Transport
	trust     *trust
	keys      keychain.Keychain

	mu       sync.Mutex
	meta     metadata
	src      oauth2.TokenSource
	keysErr  error     // the last keychain failure, for the GUI to explain once
	loopback *loopback // opened at the first sign-in, answers until appCtx ends
}

// metadata is the part of RFC 8414's server metadata the desktop uses.
type metadata struct {
	Issuer        string `json:"issuer"`
	Authorization string `json:"authorization_endpoint"`
	Token         string `json:"token_endpoint"`
	Revocation    string `json:"revocation_endpoint"`
}

// NewSession prepares a session with the server at serverURL (checked: https, or http
// on this computer). appCtx must live as long as the app: the token source refreshes
// in it. No network call is made yet.
func NewSession(appCtx context.Context, serverURL string, keys keychain.Keychain) (*Session, error) {
	base, err := service.NormalizeServerURL(serverURL)
	if err != nil {
		return nil, err
	}
	u, _ := url.Parse(base)
	t := &trust{host: u.Hostname()}
	client, tr := newHTTPClient(t)
	return &Session{server: base, appCtx: context.WithValue(appCtx, oauth2.HTTPClient, client), client: client,
		transport: tr, trust: t, keys: keys}, nil
}

// PinCertificate implements service.ServerSession: from now on, the server must
// present the certificate of that fingerprint, and nothing else; "" goes back to the
// system's authorities. A fingerprint that cannot be read counts as "".
func (s *Session) PinCertificate(fingerprint string) {
	fp, _ := service.NormalizeFingerprint(fingerprint)
	s.trust.setPin(fp)
	s.transport.CloseIdleConnections()
}

// Server returns the server's normalised URL, also the keychain account.
func (s *Session) Server() string { return s.server }

// KeychainError returns, once, the last failure of the keychain (nil if none): the
// session works without it but will not survive a restart.
func (s *Session) KeychainError() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.keysErr
	s.keysErr = nil
	return err
}

func (s *Session) config(ctx context.Context) (oauth2.Config, error) {
	s.mu.Lock()
	m := s.meta
	s.mu.Unlock()
	if m.Token == "" {
		var err error
		if m, err = s.discover(ctx); err != nil {
			return oauth2.Config{}, err
		}
		s.mu.Lock()
		s.meta = m
		s.mu.Unlock()
	}
	return oauth2.Config{ClientID: ClientID, Endpoint: oauth2.Endpoint{
		AuthURL: m.Authorization, TokenURL: m.Token, AuthStyle: oauth2.AuthStyleInParams,
	}}, nil
}

// discover reads the server's metadata (RFC 8414 §3) and checks that its endpoints
// are on the server the user named.
func (s *Session) discover(ctx context.Context) (metadata, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.server+"/.well-known/oauth-authorization-server", nil)
	if err != nil {
		return metadata{}, service.Errorf(service.EINTERNAL, service.MsgUnexpected, err)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return metadata{}, classifyNet(err)
	}
	defer resp.Body.Close()
	var m metadata
	if resp.StatusCode != http.StatusOK {
		return m, service.Errorf(service.EUNAVAILABLE, service.MsgUnavailable, fmt.Errorf("metadata: %s", resp.Status))
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&m); err != nil {
		return m, service.Errorf(service.EUNAVAILABLE, service.MsgUnavailable, fmt.Errorf("metadata: %w", err))
	}
	endpoints := []string{m.Authorization, m.Token}
	if m.Revocation != "" {
		endpoints = append(endpoints, m.Revocation)
	}
	for _, ep := range endpoints {
		u, err := url.Parse(ep)
		if err != nil || ep == "" || !strings.HasPrefix(ep, s.server+"/") && u.Host != hostOf(s.server) {
			cause := fmt.Errorf("metadata: endpoint %q is not on %s", ep, s.server)
			if announced, err := service.NormalizeServerURL(m.Issuer); err == nil && announced != s.server {
				// Reached under another name than its own (localhost for 127.0.0.1,
				// a short host name): say so, and which address to use.
				return m, service.Errorf(service.EUNAVAILABLE, service.MsgOtherAddress,
					fmt.Errorf("%w: %w", &service.OtherAddressError{Typed: s.server, Announced: announced}, cause))
			}
			return m, service.Errorf(service.EUNAVAILABLE, service.MsgUnavailable, cause)
		}
	}
	return m, nil
}

func hostOf(raw string) string {
	u, _ := url.Parse(raw)
	return u.Host
}

// SignIn opens the browser on the server's login page (through open) and waits for
// the administrator, then keeps the refresh token in the keychain. A keychain failure
// does not fail the sign-in: see KeychainError.
func (s *Session) SignIn(ctx context.Context, open func(authURL string) error) error {
	cfg, err := s.config(ctx)
	if err != nil {
		return err
	}
	l, err := s.listener()
	if err != nil {
		return err
	}
	tok, err := signInLoopback(ctx, l, s.client, cfg, open)
	if err != nil {
		return err
	}
	s.start(cfg, tok)
	s.save(tok.RefreshToken)
	return nil
}

// listener returns the session's loopback listener, opened at the first sign-in.
func (s *Session) listener() (*loopback, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.loopback == nil {
		l, err := startLoopback(s.appCtx)
		if err != nil {
			return nil, err
		}
		s.loopback = l
	}
	return s.loopback, nil
}

// Restore resumes the session from the refresh token in the keychain; EUNAUTHORIZED
// when there is none, so the GUI asks to sign in.
func (s *Session) Restore(ctx context.Context) error {
	refresh, err := s.keys.Get(ctx, s.server)
	if errors.Is(err, keychain.ErrNotFound) {
		return service.Errorf(service.EUNAUTHORIZED, MsgSignInNeeded, nil)
	}
	if err != nil {
		return err
	}
	cfg, err := s.config(ctx)
	if err != nil {
		return err
	}
	s.start(cfg, &oauth2.Token{RefreshToken: refresh})
	return nil
}

// MsgSignInNeeded asks the administrator to sign in.
const MsgSignInNeeded msg.Code = "signin.needed"

func (s *Session) start(cfg oauth2.Config, tok *oauth2.Token) {
	src := &savingSource{base: cfg.TokenSource(s.appCtx, tok), last: tok.RefreshToken, save: s.save}
	s.mu.Lock()
	s.src = src
	s.mu.Unlock()
}

// save keeps a (new) refresh token in the keychain at once.
func (s *Session) save(refresh string) {
	if refresh == "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), keychain.DefaultTimeout)
	defer cancel()
	if err := s.keys.Set(ctx, s.server, refresh); err != nil {
		s.mu.Lock()
		s.keysErr = err
		s.mu.Unlock()
	}
}

// Portal returns the Portal of the signed-in session; nil before SignIn or Restore.
func (s *Session) Portal() service.Portal {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.src == nil {
		return nil
	}
	return &Portal{base: s.server, tokens: s.src, client: s.client}
}

var _ service.ServerSession = (*Session)(nil)
