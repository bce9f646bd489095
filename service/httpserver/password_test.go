package httpserver_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"

	"sesame/service/httpserver"
)

func TestPasswordHash(t *testing.T) {
	h, err := httpserver.HashPassword("Sésame, ouvre-toi !")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Count(h, "$") != 5 || strings.Contains(h, "ouvre") {
		t.Fatalf("hash %q is not argon2id PHC with OWASP parameters", h)
	}
	h2, _ := httpserver.HashPassword("Sésame, ouvre-toi !")
	if h2 == h {
		t.Fatal("two hashes of one password are equal: no salt")
	}
	for pw, want := range map[string]bool{"Sésame, ouvre-toi !": true, "Sesame, ouvre-toi !": false, "": false, "Sésame, ouvre-toi ! ": false} {
		if ok, err := httpserver.VerifyPassword(pw, h); ok != want || err != nil {
			t.Errorf("VerifyPassword(%q) = %v, %v; want %v", pw, ok, err, want)
		}
	}
	// A hash made with OWASP's other setting (m = 46 MiB, t = 1) verifies with its own
	// parameters.
	salt := []byte("saltsaltsaltsalt")
	key := argon2.IDKey([]byte("autre"), salt, 1, 47104, 1, 32)
	other := "$argon2id$v=19$m=47104,t=1,p=1$" + base64.RawStdEncoding.EncodeToString(salt) + "$" + base64.RawStdEncoding.EncodeToString(key)
	if ok, err := httpserver.VerifyPassword("autre", other); !ok || err != nil {
		t.Fatalf("m=46 MiB hash: %v, %v", ok, err)
	}
	for _, bad := range []string{"", "plain", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", other + "!!",
		"$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA"} {
		if ok, err := httpserver.VerifyPassword("x", bad); ok || err == nil {
			t.Errorf("VerifyPassword on %q = %v, %v; want an error", bad, ok, err)
		}
	}
}
