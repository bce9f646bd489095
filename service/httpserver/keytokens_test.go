package httpserver_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"sesame/service/httpserver"
)

// A key asking for a token again within a tenth of its lifetime (30 s at most) gets
// the same token, with what remains of its lifetime; later, a new one; once the key is
// revoked, none, even within that while.
func TestKeyTokenHandedOutAgainBriefly(t *testing.T) {
	clk := newFakeClock()
	e := newEnv(t, func(c *httpserver.Config) { c.Now = clk.Now })
	_, admin := e.signIn(loginA, e.passwordA)
	g := e.generate(admin.AccessToken, tiersA, "Client pressé")
	ctx := context.Background()
	token := func() (string, time.Duration) {
		t.Helper()
		tok, err := e.keyClient(g.Identifier, g.Secret, oauth2.AuthStyleInHeader).Token(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return tok.AccessToken, time.Duration(tok.Extra("expires_in").(float64)) * time.Second
	}
	first, life := token()
	if life != 5*time.Minute {
		t.Fatalf("first token lives %v", life)
	}
	clk.Advance(29 * time.Second)
	again, left := token()
	if again != first || left != 5*time.Minute-29*time.Second {
		t.Fatalf("29 s later: same token %v, expires_in %v; want the same, 4m31s", again == first, left)
	}
	clk.Advance(time.Second)
	fresh, life := token()
	if fresh == first || life != 5*time.Minute {
		t.Fatalf("30 s later: same token %v, expires_in %v; want a new one for 5m", fresh == first, life)
	}
	if st, _, body := e.do("POST", "/v1/keys/"+g.Identifier+"/revoke", admin.AccessToken, nil); st != http.StatusOK {
		t.Fatalf("revoke: %d %s", st, body)
	}
	var re *oauth2.RetrieveError
	if _, err := e.keyClient(g.Identifier, g.Secret, oauth2.AuthStyleInParams).Token(ctx); !errors.As(err, &re) || re.ErrorCode != "invalid_client" {
		t.Fatalf("revoked key, within the while: %v", err)
	}
}
