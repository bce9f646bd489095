package store

import (
	"context"
	"time"

	"sesame/service"
)

// AuthStore persists what the server's OAuth2 authorization server must share
// between replicas: its signing keys, authorization codes, and the sessions
// (refresh-token families) of signed-in administrators. Codes and refresh tokens are
// opaque random values of which only the SHA-256 digest is stored, session IDs are
// digests too (the server keeps the clear ones in the tokens), and the signing keys
// and secrets are sealed by the server's master key, so a database dump yields
// nothing that works. Errors are *service.Error (ENOTFOUND, ECONFLICT, …).
type AuthStore interface {
	// SigningKeys returns every stored signing key, newest first.
	SigningKeys(ctx context.Context) ([]SigningKey, error)
	// AddSigningKey stores a new signing key; ECONFLICT if its ID exists.
	AddSigningKey(ctx context.Context, k SigningKey) error
	// DeleteSigningKeys removes the keys created before an instant, once no token
	// they signed can still be valid.
	DeleteSigningKeys(ctx context.Context, createdBefore time.Time) error

	// ServerSecret returns the shared secret of that name, storing the one gen
	// returns if there is none yet (every replica then reads the same).
	ServerSecret(ctx context.Context, name string, gen func() ([]byte, error)) ([]byte, error)
	// ResealSecrets passes every signing key's private part, every server secret,
	// every SMTP password and webhook secret, with its label (SigningKeyLabel,
	// ServerSecretLabel, SMTPPasswordLabel, WebhookSecretLabel), to fn, and stores what fn
	// returns in its place, all in one transaction: encrypting them under a master key,
	// or under a new one. It returns how many values changed; an error from fn leaves
	// every value as it was.
	ResealSecrets(ctx context.Context, fn func(label string, value []byte) ([]byte, error)) (int, error)
	// RotateMasterKey is ResealSecrets with, in the same transaction, every audit
	// seal's MAC replaced by what resign returns (the sealing key derives from the
	// master key): an error from either leaves everything as it was.
	RotateMasterKey(ctx context.Context, reseal func(label string, value []byte) ([]byte, error),
		resign func(service.AuditSeal) ([]byte, error)) (int, error)

	// PutAuthCode stores a new authorization code and, pending until the code is
	// exchanged, the session it will open (so that a replayed code can revoke that
	// session even while the first exchange is still under way).
	PutAuthCode(ctx context.Context, c AuthCode) error
	// ConsumeAuthCode marks a code used and returns it. ENOTFOUND if there is no
	// such code; ECONFLICT, with the code, if it was used already (the caller then
	// revokes the session it opened).
	ConsumeAuthCode(ctx context.Context, digest []byte, at time.Time) (AuthCode, error)

	// StartSession opens the session of an exchanged code, with its lifetime and
	// first refresh token, atomically; ENOTFOUND if the session is unknown or was
	// revoked meanwhile (the code was replayed).
	StartSession(ctx context.Context, s Session, first RefreshToken) error
	// RotateRefreshToken spends the refresh token with that digest and stores next in
	// the same session, atomically, and returns the session. ENOTFOUND if the token
	// is unknown or expired or its session is revoked or expired. ECONFLICT if the
	// token was spent already: its whole session is revoked at once (reuse of a
	// stolen token ends the thief's and the owner's session alike).
	RotateRefreshToken(ctx context.Context, digest []byte, next RefreshToken, at time.Time) (Session, error)
	// RefreshTokenSession returns the refresh token with that digest and its session;
	// ENOTFOUND if unknown.
	RefreshTokenSession(ctx context.Context, digest []byte) (RefreshToken, Session, error)
	// Session returns a session by ID; ENOTFOUND if unknown.
	Session(ctx context.Context, id string) (Session, error)
	// RevokeSession ends a session: its refresh tokens stop working and the access
	// tokens it issued are refused. Revoking an unknown or revoked session is no error.
	RevokeSession(ctx context.Context, id string, at time.Time) error
	// RevokeAdminSessions ends every open session of an administrator at once, those
	// whose code is not exchanged yet included, and returns how many it ended: after
	// a password change, a removal, or on the operator's demand.
	RevokeAdminSessions(ctx context.Context, login string, at time.Time) (int, error)

	// PurgeAuth deletes expired codes, tokens and sessions.
	PurgeAuth(ctx context.Context, now time.Time) error
}

// SigningKeyLabel names a signing key's private part for sealing (masterkey).
func SigningKeyLabel(kid string) string { return "signing-key:" + kid }

// ServerSecretLabel names a server secret for sealing (masterkey).
func ServerSecretLabel(name string) string { return "server-secret:" + name }

// SigningKey is a key the server signs access tokens with.
type SigningKey struct {
	ID         string // the JWS "kid"
	Algorithm  string // "ES256"
	PrivateDER []byte // PKCS #8, sealed by the server's master key
	CreatedAt  time.Time
}

// AuthCode is an authorization code (RFC 6749 §4.1.2) issued after a login, bound to
// the client, the redirect URI and the PKCE challenge of its request.
type AuthCode struct {
	Digest      []byte // SHA-256 of the code
	SessionID   string // the session the code opens once exchanged
	ClientID    string
	RedirectURI string
	Challenge   string // PKCE S256 code_challenge
	Login       string
	CreatedAt   time.Time
	ExpiresAt   time.Time
	UsedAt      time.Time // zero until exchanged
}

// Session is a refresh-token family: what one sign-in opened, ended by sign-out,
// expiry, or the reuse of a spent refresh token.
type Session struct {
	ID        string
	Login     string
	ClientID  string
	CreatedAt time.Time
	ExpiresAt time.Time
	RevokedAt time.Time // zero while active
}

// Active reports whether the session may still refresh and its tokens be accepted.
func (s Session) Active(now time.Time) bool {
	return s.RevokedAt.IsZero() && now.Before(s.ExpiresAt)
}

// RefreshToken is one opaque refresh token of a session.
type RefreshToken struct {
	Digest    []byte // SHA-256 of the token
	SessionID string
	IssuedAt  time.Time
	ExpiresAt time.Time
	UsedAt    time.Time // zero until rotated
}
