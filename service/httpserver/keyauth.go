package httpserver

import (
	"context"
	"errors"
	"net/http"
	"net/netip"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// Why a key failed to authenticate, for the caller to answer its own way.
var (
	errKeyRejected = errors.New("api key rejected")
)

// keyThrottled is errKeyRejected's sibling: a failure past the allowance of the
// identifier and address, or of the address.
type keyThrottled struct{ wait time.Duration }

func (e keyThrottled) Error() string { return "api key attempts throttled" }

// dummyDigest is compared against when the identifier is unknown, so that a miss
// costs what a hit costs.
var dummyDigest = digest("no such key")

// authenticateKey checks an API key's identifier and secret against the store: the
// key must exist, its secret's SHA-256 digest match in constant time (the current
// secret's, or the old one's while its grace lasts at this instant), and the key be
// usable now (active, not expired). The key's record comes from the replica's key
// cache, which every change to the key empties on every replica (keycache); its
// expiry and its old secret's grace are checked here, at each use.
//
// The secret's format (prefix, checksum) is not checked: the digest comparison is
// authoritative, and a malformed secret simply fails it. The identifier is
// canonicalised first, as a user would have typed or dictated it.
//
// Authenticating is not using: the caller records the use (usedKey.record) once the
// request is granted, so that a check refused for another reason (a key of another
// service, a malformed introspection) leaves the key's last use and count alone.
func (s *Server) authenticateKey(ctx context.Context, r *http.Request, rawID, secret string) (usedKey, error) {
	id, err := canonicalIdentifier(rawID)
	if err != nil {
		_ = service.SecretMatches(secret, dummyDigest)
		return usedKey{}, s.keyRejected(r, "", "malformed identifier")
	}
	k, err := s.cache.Key(ctx, id)
	switch {
	case service.ErrorCode(err) == service.ENOTFOUND:
		_ = service.SecretMatches(secret, dummyDigest)
		return usedKey{}, s.keyRejected(r, "", "unknown key "+id)
	case err != nil:
		return usedKey{}, err
	}
	now := s.now()
	// Both comparisons always run, so that which secret matched takes no different
	// time; the old secret counts only while its grace lasts at this instant.
	current := service.SecretMatches(secret, k.Digest)
	old := k.OldDigest != nil && service.SecretMatches(secret, k.OldDigest)
	old = old && k.OldSecret.Live(now)
	switch {
	case !current && !old:
		return usedKey{}, s.keyRejected(r, id, "wrong secret for key "+id)
	case !k.Usable(now):
		return usedKey{}, s.keyRejected(r, id, "key "+id+" "+string(k.Status)+" or expired")
	}
	ip, addr := clientAddrs(r)
	return usedKey{KeyRecord: k, at: now, addr: addr, ip: ip, oldSecret: old && !current}, nil
}

// usedKey is an authenticated key and what its use would record.
type usedKey struct {
	store.KeyRecord
	at        time.Time
	addr      string
	ip        netip.Addr // addr, which the key's allowed networks are checked against
	oldSecret bool       // the old secret, during a renewal's grace, was the one given
}

// recordUse records k's use, in the background (lastused.go).
func (s *Server) recordUse(k usedKey) {
	s.used.record(k.ID, k.Version, k.at, k.addr, k.oldSecret)
}

// keyRejected counts a failure against the key identifier (when it names a key) and
// the address, and returns errKeyRejected, or keyThrottled past the allowance.
func (s *Server) keyRejected(r *http.Request, identifier, reason string) error {
	wait := s.keyFailure(r, identifier)
	s.metrics.throttled("key", wait)
	if wait > 0 {
		return keyThrottled{wait: wait}
	}
	s.log.Info("api key rejected", append(logAttrs(r), "reason", reason)...)
	return errKeyRejected
}

// canonicalIdentifier is service.ParseIdentifier with a fast path for an identifier
// already in canonical form, as machines send it.
func canonicalIdentifier(s string) (string, error) {
	if len(s) == service.IdentifierLength {
		ok := true
		for i := 0; i < len(s) && ok; i++ {
			c := s[i]
			if i%5 == 4 {
				ok = c == '-'
			} else {
				ok = c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' && c != 'I' && c != 'L' && c != 'O' && c != 'U'
			}
		}
		if ok {
			return s, nil
		}
	}
	return service.ParseIdentifier(s)
}
