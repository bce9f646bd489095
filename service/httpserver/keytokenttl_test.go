package httpserver_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"sesame/service/api"
	"sesame/service/httpserver"
)

// Issue 10, case 10: an API key's access token (client_credentials) lives
// KeyTokenTTL, 5 minutes unless the server is told otherwise, whatever the
// administrators' token lifetime; it is refused by the server's own endpoints (/v1
// takes administrators' tokens only) and introspects inactive the instant the key is
// revoked, not when it expires.
func TestKeyTokenLifetimeAndRevocation(t *testing.T) {
	for _, tc := range []struct {
		name string
		set  time.Duration
		want time.Duration
	}{
		{"default", 0, 5 * time.Minute},
		{"option", 90 * time.Second, 90 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clk := newFakeClock()
			onBothStores(t, func(c *httpserver.Config) {
				c.Now, c.KeyTokenTTL, c.AccessTokenTTL = clk.Now, tc.set, 20*time.Minute
			}, func(t *testing.T, e *env) {
				ctx := context.Background()
				_, admin := e.signIn(loginA, e.passwordA)
				g := e.generate(admin.AccessToken, tiersA, "Intégration")
				witness := e.generate(admin.AccessToken, tiersA, "Témoin")
				tok, err := e.keyClient(g.Identifier, g.Secret, oauth2.AuthStyleInHeader).Token(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if got := time.Duration(tok.Extra("expires_in").(float64)) * time.Second; got != tc.want {
					t.Fatalf("expires_in = %v, want %v", got, tc.want)
				}
				in := e.introspect(witness.Identifier, witness.Secret, tok.AccessToken)
				exp, iat := in["exp"].(float64), in["iat"].(float64)
				if in["active"] != true || time.Duration(exp-iat)*time.Second != tc.want {
					t.Fatalf("introspection: %v, want active with exp - iat = %v", in, tc.want)
				}
				if status, _ := e.profileStatus(tok.AccessToken); status != http.StatusUnauthorized {
					t.Fatalf("/v1 with an API key's token: %d, want 401", status)
				}
				// Just before its end it is still active, and at its end no longer.
				clk.Advance(tc.want - time.Second)
				if in := e.introspect(witness.Identifier, witness.Secret, tok.AccessToken); in["active"] != true {
					t.Fatalf("a second before expiry: %v", in)
				}
				clk.Advance(time.Second)
				if in := e.introspect(witness.Identifier, witness.Secret, tok.AccessToken); in["active"] != false {
					t.Fatalf("at expiry: %v", in)
				}

				// A fresh token, then the key is revoked: inactive at the same instant.
				tok, err = e.keyClient(g.Identifier, g.Secret, oauth2.AuthStyleInHeader).Token(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if status, _, body := e.do("POST", "/v1/keys/"+g.Identifier+"/revoke", admin.AccessToken, nil); status != http.StatusOK {
					t.Fatalf("revoke: %d %s", status, body)
				}
				if in := e.introspect(witness.Identifier, witness.Secret, tok.AccessToken); in["active"] != false {
					t.Fatalf("right after revocation, clock unchanged: %v", in)
				}
				// The JWT itself still claims its lifetime: what an offline verifier sees.
				var claims struct{ Exp, Iat int64 }
				payload := strings.Split(tok.AccessToken, ".")[1]
				if err := json.Unmarshal(decodeSegment(t, payload), &claims); err != nil || time.Duration(claims.Exp-claims.Iat)*time.Second != tc.want {
					t.Fatalf("JWT exp - iat = %d s (%v), want %v", claims.Exp-claims.Iat, err, tc.want)
				}
			})
		})
	}
}

func decodeSegment(t *testing.T, seg string) []byte {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Issue 20: a client_credentials token never outlives its key. A key that expires in
// two minutes gets a token of two minutes, not KeyTokenTTL; the token's exp is the
// key's expiry, and it introspects inactive from then on.
func TestKeyTokenNeverOutlivesItsKey(t *testing.T) {
	clk := newFakeClock()
	e := newEnv(t, func(c *httpserver.Config) { c.Now, c.KeyTokenTTL = clk.Now, 5*time.Minute })
	ctx := context.Background()
	_, admin := e.signIn(loginA, e.passwordA)
	expires := clk.Now().Add(2 * time.Minute)
	status, _, body := e.do("POST", "/v1/keys", admin.AccessToken,
		api.GenerateRequest{Tiers: tiersA, Service: serviceLoop, Name: "Courte", ExpiresAt: &api.Instant{Time: expires}})
	var g api.GenerateResponse
	if status != http.StatusCreated || json.Unmarshal(body, &g) != nil {
		t.Fatalf("POST /v1/keys: %d %s", status, body)
	}
	witness := e.generate(admin.AccessToken, tiersA, "Témoin")
	tok, err := e.keyClient(g.Identifier, g.Secret, oauth2.AuthStyleInHeader).Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := time.Duration(tok.Extra("expires_in").(float64)) * time.Second; got != 2*time.Minute {
		t.Fatalf("expires_in = %v, want the 2 min left to the key", got)
	}
	var claims struct{ Exp int64 }
	if err := json.Unmarshal(decodeSegment(t, strings.Split(tok.AccessToken, ".")[1]), &claims); err != nil || claims.Exp != expires.Unix() {
		t.Fatalf("JWT exp = %d (%v), want the key's expiry %d", claims.Exp, err, expires.Unix())
	}
	clk.Advance(2 * time.Minute)
	if in := e.introspect(witness.Identifier, witness.Secret, tok.AccessToken); in["active"] != false {
		t.Fatalf("at the key's expiry: %v", in)
	}
}
