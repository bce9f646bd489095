// Package keychain keeps the desktop's one long-lived credential, the refresh token,
// in the operating system's keychain (Windows Credential Manager, macOS Keychain,
// Secret Service on Linux) through github.com/zalando/go-keyring, with a timeout: a
// keychain that hangs (a locked Secret Service waiting for a prompt, say) must not
// freeze the app. Nothing is ever written to a plain file instead.
package keychain

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/zalando/go-keyring"

	"sesame/service"
)

// Keychain stores secrets by account name.
type Keychain interface {
	// Get returns the secret of an account; ErrNotFound if there is none.
	Get(ctx context.Context, account string) (string, error)
	// Set stores or replaces the secret of an account.
	Set(ctx context.Context, account, secret string) error
	// Delete removes an account's secret; deleting what is absent is not an error.
	Delete(ctx context.Context, account string) error
}

// ErrNotFound says the keychain holds nothing for that account.
var ErrNotFound = errors.New("keychain: no secret for this account")

// MsgUnavailable is what the user reads when the keychain cannot be used.
const MsgUnavailable = service.MsgKeychainUnavailable

// MaxSecretLength is the largest secret stored: Windows limits a credential's blob
// to 2560 bytes.
const MaxSecretLength = 2560

// DefaultTimeout bounds each keychain call.
const DefaultTimeout = 5 * time.Second

// OS is the operating system's keychain, under one service name.
type OS struct {
	Service string        // e.g. "fr.cabinet.sesame"
	Timeout time.Duration // 0 means DefaultTimeout
}

// Get reads a secret.
func (k OS) Get(ctx context.Context, account string) (string, error) {
	var secret string
	err := k.call(ctx, func() error {
		var err error
		secret, err = keyring.Get(k.Service, account)
		return err
	})
	return secret, err
}

// Set writes a secret.
func (k OS) Set(ctx context.Context, account, secret string) error {
	if len(secret) > MaxSecretLength {
		return service.Errorf(service.EINVALID, MsgUnavailable, fmt.Errorf("keychain: secret of %d bytes exceeds %d", len(secret), MaxSecretLength))
	}
	return k.call(ctx, func() error { return keyring.Set(k.Service, account, secret) })
}

// Delete removes a secret.
func (k OS) Delete(ctx context.Context, account string) error {
	err := k.call(ctx, func() error { return keyring.Delete(k.Service, account) })
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

// call runs fn with the timeout; the keyring library takes no context, so a call
// that hangs is abandoned (its goroutine ends when the OS answers).
func (k OS) call(ctx context.Context, fn func() error) error {
	timeout := k.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		switch {
		case err == nil:
			return nil
		case errors.Is(err, keyring.ErrNotFound):
			return ErrNotFound
		default:
			return service.Errorf(service.EUNAVAILABLE, MsgUnavailable, fmt.Errorf("keychain: %w", err))
		}
	case <-ctx.Done():
		return service.Errorf(service.EUNAVAILABLE, MsgUnavailable, fmt.Errorf("keychain: %w", ctx.Err()))
	}
}
