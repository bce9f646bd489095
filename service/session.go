package service

import (
	"context"
	"time"
)

// SignInWait is how long a sign-in waits for the administrator in the browser.
const SignInWait = 5 * time.Minute

// ServerSession is the desktop's connection to the firm's server (server mode): sign
// in through the system browser, resume from the keychain, sign out. The remote
// package implements it; the GUI only knows this interface.
type ServerSession interface {
	// Server returns the server's address as normalised by NormalizeServerURL.
	Server() string
	// SignIn has open show the server's login page in the system browser and waits
	// (at most 5 minutes, or until ctx is cancelled: the Cancel button) for the
	// administrator to sign in. The refresh token goes to the OS keychain.
	SignIn(ctx context.Context, open func(authURL string) error) error
	// Restore resumes a previous sign-in from the keychain; EUNAUTHORIZED if there
	// is none, so the GUI offers to sign in.
	Restore(ctx context.Context) error
	// SignOut revokes the session at the server, then deletes it from the keychain.
	SignOut(ctx context.Context) error
	// Portal returns the Portal of the signed-in session, nil before sign-in. Its
	// calls answer EUNAUTHORIZED once the session has ended (sign in again).
	Portal() Portal
	// KeychainError returns, once, the last keychain failure: the session works but
	// will not survive a restart, and nothing was written in plain.
	KeychainError() error
	// PinCertificate trusts, for this server, the one certificate of that SHA-256
	// fingerprint (see Fingerprint) instead of the system's authorities, and refuses
	// any other with a CertChanged CertificateError; "" goes back to the system's
	// authorities alone.
	PinCertificate(fingerprint string)
}
