//go:build !linux && !windows

package keychain

import "testing"

// requireKeychain: macOS always has its Keychain.
func requireKeychain(t *testing.T) { t.Helper() }
