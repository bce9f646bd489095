package httpserver_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"sesame/service/masterkey"
	"sesame/service/store"
	"sesame/service/store/sqlite"
)

// A database of an older Sésame, its signing key and form secret in clear: the first
// start with a master key seals them in place, and the key goes on signing (the tokens
// it signed stay valid).
func TestClearSecretsAreSealedAtFirstStart(t *testing.T) {
	ctx := context.Background()
	dbPath := filepath.Join(t.TempDir(), "old.db")
	st, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	priv, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalPKCS8PrivateKey(priv)
	if err := st.AddSigningKey(ctx, store.SigningKey{ID: "old-clear-key", Algorithm: "ES256", PrivateDER: der, CreatedAt: time.Now().Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ServerSecret(ctx, "csrf", func() ([]byte, error) { return []byte("0123456789abcdef0123456789abcdef"), nil }); err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, st: st, dbPath: dbPath, passwordA: "A-" + rand.Text(), passwordB: "B-" + rand.Text()}
	seedFirms(t, st, e.passwordA, e.passwordB)
	e.start(nil)

	n, err := st.ResealSecrets(ctx, func(label string, v []byte) ([]byte, error) {
		if id, ok := masterkey.SealedBy(v); !ok || id != testMasterKey.ID() {
			t.Errorf("%s is not sealed by the master key after the start", label)
		}
		return v, nil
	})
	if err != nil || n != 0 {
		t.Fatal(n, err)
	}
	_, tok := e.signIn(loginA, e.passwordA)
	if kid := jwtKID(t, tok.AccessToken); kid != "old-clear-key" {
		t.Fatalf("the token is signed by %q, want the key stored before", kid)
	}
	if st, _ := e.profileStatus(tok.AccessToken); st != http.StatusOK {
		t.Fatalf("profile: %d", st)
	}
}
