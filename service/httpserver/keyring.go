package httpserver

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/go-jose/go-jose/v4"

	"sesame/service/masterkey"
	"sesame/service/store"
)

// keyring holds the ES256 keys that sign access tokens. They live in the database so
// that every replica signs and verifies with the same ones. A new key is published
// (JWKS) for keyActivation before it signs, long enough for every replica to load
// it; older keys stay published until no token they signed can still be valid. A
// replica that meets an unknown kid also reloads from the database (at most once a
// second).
type keyring struct {
	st       store.AuthStore
	mk       *masterkey.Key // seals the private keys in the store
	log      *slog.Logger
	now      func() time.Time
	rotate   time.Duration // age of the newest key at which a new one is made
	tokenTTL time.Duration // longest life of a token signed by a retired key

	mu       sync.RWMutex
	signer   jose.Signer
	signKID  string
	public   map[string]*ecdsa.PublicKey
	jwks     []byte
	loadedAt time.Time
	reload   sync.Mutex
}

// keyActivation is how long a new signing key is published before it signs: twice
// the interval at which replicas reload their keys.
const keyActivation = 2 * time.Minute

func newKeyring(st store.AuthStore, mk *masterkey.Key, log *slog.Logger, now func() time.Time, rotate, tokenTTL time.Duration) *keyring {
	return &keyring{st: st, mk: mk, log: log, now: now, rotate: rotate, tokenTTL: tokenTTL}
}

// refresh reloads the keys from the store, making a new one first when there is none
// or the newest is older than the rotation age, and deletes those no longer needed.
func (k *keyring) refresh(ctx context.Context) error {
	k.reload.Lock()
	defer k.reload.Unlock()
	now := k.now()
	keys, err := k.st.SigningKeys(ctx)
	if err != nil {
		return err
	}
	if len(keys) == 0 || now.Sub(keys[0].CreatedAt) >= k.rotate {
		nk, err := newSigningKey(now)
		if err != nil {
			return err
		}
		nk.PrivateDER = k.mk.Seal(store.SigningKeyLabel(nk.ID), nk.PrivateDER)
		if err := k.st.AddSigningKey(ctx, nk); err != nil {
			return err
		}
		k.log.Info("new signing key", "kid", nk.ID)
		// A key retires when the next one signs; what it signed lives tokenTTL more.
		cutoff := now.Add(-k.rotate - keyActivation - k.tokenTTL - time.Hour)
		if err := k.st.DeleteSigningKeys(ctx, cutoff); err != nil {
			return err
		}
		if keys, err = k.st.SigningKeys(ctx); err != nil {
			return err
		}
	}
	return k.install(keys, now)
}

// install makes keys (newest first) the current set.
func (k *keyring) install(keys []store.SigningKey, now time.Time) error {
	public := map[string]*ecdsa.PublicKey{}
	var set jose.JSONWebKeySet
	var signer jose.Signer
	var signKID string
	// The newest key old enough to be known everywhere signs; if none is (a new
	// database), the oldest, which every replica picks alike.
	signWith := -1
	for i, sk := range keys {
		if sk.Algorithm == string(jose.ES256) && (signWith < 0 || now.Sub(keys[signWith].CreatedAt) < keyActivation) {
			signWith = i
		}
	}
	for i, sk := range keys {
		if sk.Algorithm != string(jose.ES256) {
			continue
		}
		der, err := k.mk.Open(store.SigningKeyLabel(sk.ID), sk.PrivateDER)
		if err != nil {
			return fmt.Errorf("signing key %s: %w", sk.ID, err)
		}
		parsed, err := x509.ParsePKCS8PrivateKey(der)
		if err != nil {
			return fmt.Errorf("signing key %s: %w", sk.ID, err)
		}
		priv, ok := parsed.(*ecdsa.PrivateKey)
		if !ok {
			return fmt.Errorf("signing key %s: not an ECDSA key", sk.ID)
		}
		public[sk.ID] = &priv.PublicKey
		set.Keys = append(set.Keys, jose.JSONWebKey{Key: &priv.PublicKey, KeyID: sk.ID, Algorithm: string(jose.ES256), Use: "sig"})
		if i == signWith {
			opts := (&jose.SignerOptions{}).WithType("at+jwt")
			signer, err = jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: jose.JSONWebKey{Key: priv, KeyID: sk.ID}}, opts)
			if err != nil {
				return fmt.Errorf("signer: %w", err)
			}
			signKID = sk.ID
		}
	}
	if signer == nil {
		return errors.New("no ES256 signing key")
	}
	jwks, err := json.Marshal(set)
	if err != nil {
		return fmt.Errorf("jwks: %w", err)
	}
	k.mu.Lock()
	k.signer, k.signKID, k.public, k.jwks, k.loadedAt = signer, signKID, public, jwks, now
	k.mu.Unlock()
	return nil
}

// newSigningKey draws a P-256 key; its kid is random, not derived from the key.
func newSigningKey(now time.Time) (store.SigningKey, error) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return store.SigningKey{}, fmt.Errorf("generate signing key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return store.SigningKey{}, fmt.Errorf("encode signing key: %w", err)
	}
	return store.SigningKey{ID: randomToken(12), Algorithm: string(jose.ES256), PrivateDER: der, CreatedAt: now}, nil
}

// sign signs a payload with the current key.
func (k *keyring) sign(payload []byte) (string, error) {
	k.mu.RLock()
	signer := k.signer
	k.mu.RUnlock()
	jws, err := signer.Sign(payload)
	if err != nil {
		return "", fmt.Errorf("sign: %w", err)
	}
	return jws.CompactSerialize()
}

// publicKey returns the key with that kid, reloading once if it is unknown.
func (k *keyring) publicKey(ctx context.Context, kid string) (*ecdsa.PublicKey, bool) {
	k.mu.RLock()
	pk, ok := k.public[kid]
	stale := k.now().Sub(k.loadedAt) > time.Second
	k.mu.RUnlock()
	if ok || !stale {
		return pk, ok
	}
	if err := k.refresh(ctx); err != nil {
		k.log.Error("reloading signing keys", "err", err)
		return nil, false
	}
	k.mu.RLock()
	pk, ok = k.public[kid]
	k.mu.RUnlock()
	return pk, ok
}

// jwksJSON returns the public keys as a JWK Set (RFC 7517 §5).
func (k *keyring) jwksJSON() []byte {
	k.mu.RLock()
	defer k.mu.RUnlock()
	return k.jwks
}

// loaded reports whether a signing key is loaded (readiness).
func (k *keyring) loaded() bool {
	k.mu.RLock()
	defer k.mu.RUnlock()
	return k.signer != nil
}
