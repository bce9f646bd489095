package remote

import (
	"sync"

	"golang.org/x/oauth2"
)

// savingSource hands out tokens from base and saves each new refresh token the moment
// it arrives: the server rotates it on every refresh, and a token lost to a crash
// before it was saved would mean signing in again.
type savingSource struct {
	base oauth2.TokenSource
	save func(refresh string)

	mu   sync.Mutex
	last string
}

// Token implements oauth2.TokenSource.
func (s *savingSource) Token() (*oauth2.Token, error) {
	tok, err := s.base.Token()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	changed := tok.RefreshToken != "" && tok.RefreshToken != s.last
	if changed {
		s.last = tok.RefreshToken
	}
	s.mu.Unlock()
	if changed {
		s.save(tok.RefreshToken)
	}
	return tok, nil
}

// refreshToken returns the refresh token in use.
func (s *savingSource) refreshToken() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last
}
