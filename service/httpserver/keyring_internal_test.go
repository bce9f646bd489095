package httpserver

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"

	"sesame/service/masterkey"
	"sesame/service/store/sqlite"
)

// Rotation: a new key is published before it signs, the old one stays published
// while its tokens may live, then goes.
func TestKeyringRotation(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	const rotate, ttl = 30 * 24 * time.Hour, 10 * time.Minute
	mk, err := masterkey.Generate()
	if err != nil {
		t.Fatal(err)
	}
	k := newKeyring(st, mk, slog.New(slog.NewTextHandler(io.Discard, nil)), clock, rotate, ttl)

	published := func() []string {
		var set jose.JSONWebKeySet
		if err := json.Unmarshal(k.jwksJSON(), &set); err != nil {
			t.Fatal(err)
		}
		var kids []string
		for _, key := range set.Keys {
			if !key.IsPublic() || key.Algorithm != "ES256" {
				t.Fatalf("JWKS holds a non-public or non-ES256 key: %+v", key)
			}
			kids = append(kids, key.KeyID)
		}
		return kids
	}
	step := func(d time.Duration) {
		now = now.Add(d)
		if err := k.refresh(ctx); err != nil {
			t.Fatal(err)
		}
	}

	step(0)
	first := k.signKID
	if got := published(); len(got) != 1 || got[0] != first {
		t.Fatalf("new database: signer %q, JWKS %v", first, got)
	}
	step(rotate) // due: a second key is made and published, the first still signs
	if got := published(); len(got) != 2 || k.signKID != first {
		t.Fatalf("at rotation: signer %q (want %q), JWKS %v", k.signKID, first, got)
	}
	second := published()[0]
	step(keyActivation) // the second is known everywhere by now: it signs
	if k.signKID != second || len(published()) != 2 {
		t.Fatalf("after activation: signer %q (want %q), JWKS %v", k.signKID, second, published())
	}
	step(rotate - keyActivation) // due again: a third is made; the first is long unused and goes
	got := published()
	if len(got) != 2 || got[1] != second || k.signKID != second {
		t.Fatalf("second rotation: signer %q, JWKS %v (first %q)", k.signKID, got, first)
	}
	// A token signed with the current key verifies with the published one.
	tok, err := k.sign([]byte(`{"sub":"x"}`))
	if err != nil {
		t.Fatal(err)
	}
	jws, err := jose.ParseSignedCompact(tok, []jose.SignatureAlgorithm{jose.ES256})
	if err != nil {
		t.Fatal(err)
	}
	pk, ok := k.publicKey(ctx, jws.Signatures[0].Header.KeyID)
	if !ok {
		t.Fatal("signing key not published")
	}
	if _, err := jws.Verify(pk); err != nil {
		t.Fatal(err)
	}
}
