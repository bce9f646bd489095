package sqlstore_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"sesame/service/store"
)

// ResealSecrets rewrites every signing key and server secret through fn, under their
// labels, in one transaction: a failing fn leaves all of them as they were.
func testResealSecrets(t *testing.T, st store.AuthStore) {
	ctx := context.Background()
	for _, kid := range []string{"k1", "k2"} {
		if err := st.AddSigningKey(ctx, store.SigningKey{ID: kid, Algorithm: "ES256", PrivateDER: []byte("der of " + kid), CreatedAt: t0}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.ServerSecret(ctx, "csrf", func() ([]byte, error) { return []byte("csrf value"), nil }); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	calls := 0
	if _, err := st.ResealSecrets(ctx, func(label string, v []byte) ([]byte, error) {
		calls++
		if calls == 3 {
			return nil, boom
		}
		return append([]byte("X"), v...), nil
	}); !errors.Is(err, boom) {
		t.Fatalf("ResealSecrets with a failing fn: %v", err)
	}
	seen := map[string]string{}
	n, err := st.ResealSecrets(ctx, func(label string, v []byte) ([]byte, error) {
		seen[label] = string(v)
		if label == store.SigningKeyLabel("k2") {
			return v, nil // unchanged
		}
		return append([]byte("sealed:"), v...), nil
	})
	if err != nil || n != 2 {
		t.Fatalf("ResealSecrets = %d, %v; want 2 changed", n, err)
	}
	want := map[string]string{"signing-key:k1": "der of k1", "signing-key:k2": "der of k2", "server-secret:csrf": "csrf value"}
	for l, v := range want {
		if seen[l] != v {
			t.Fatalf("fn saw %q = %q, want %q (the failed pass must have changed nothing)", l, seen[l], v)
		}
	}
	keys, err := st.SigningKeys(ctx)
	if err != nil || len(keys) != 2 {
		t.Fatal(keys, err)
	}
	for _, k := range keys {
		want := "sealed:der of " + k.ID
		if k.ID == "k2" {
			want = "der of k2"
		}
		if !bytes.Equal(k.PrivateDER, []byte(want)) {
			t.Fatalf("key %s = %q, want %q", k.ID, k.PrivateDER, want)
		}
	}
	v, err := st.ServerSecret(ctx, "csrf", func() ([]byte, error) { return nil, errors.New("must not be called") })
	if err != nil || string(v) != "sealed:csrf value" {
		t.Fatalf("csrf after reseal = %q, %v", v, err)
	}
}
