package httpserver_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"sesame/service"
	"sesame/service/api"
	"sesame/service/httpserver"
	"sesame/service/msg"
)

func TestVerifyAPIKey(t *testing.T) {
	e := newEnv(t, func(c *httpserver.Config) { c.TouchInterval = 50 * time.Millisecond })
	_, admin := e.signIn(loginA, e.passwordA)
	g := e.generate(admin.AccessToken, tiersA, "Passerelle Loop")

	status, body := e.verify(g.Identifier, g.Secret)
	var v api.VerifyResponse
	if status != http.StatusOK || json.Unmarshal(body, &v) != nil ||
		v != (api.VerifyResponse{Active: true, Tiers: tiersA, Service: serviceLoop, Name: "Passerelle Loop"}) {
		t.Fatalf("verify: %d %s", status, body)
	}
	// Last use is recorded in the background, and shows in the key table.
	waitFor(t, "last use in the key table", func() bool {
		_, _, body := e.do("GET", "/v1/keys?tiers="+tiersA+"&service="+serviceLoop, admin.AccessToken, nil)
		var p api.KeyPage
		return json.Unmarshal(body, &p) == nil && len(p.Keys) == 1 && p.Keys[0].LastUsedAt != nil
	})

	// The secret with its last character changed (a secret ending in x stays wrong).
	wrong := g.Secret[:len(g.Secret)-1] + "x"
	if strings.HasSuffix(g.Secret, "x") {
		wrong = g.Secret[:len(g.Secret)-1] + "y"
	}
	for name, header := range map[string]string{
		"wrong secret":       g.Identifier + ":" + wrong,
		"unknown identifier": "ZZZZ-ZZZZ-ZZZZ-ZZZZ:" + g.Secret,
		"no colon":           g.Identifier + g.Secret,
		"empty":              "",
	} {
		req, _ := http.NewRequest("POST", e.url("/v1/verify"), nil)
		req.Header.Set("x-apikey", header)
		status, h, body := e.send(req)
		p := problem(t, h, body)
		if status != http.StatusUnauthorized || p.Kind != service.EUNAUTHORIZED || p.Detail == "" || h.Get("WWW-Authenticate") == "" {
			t.Errorf("%s: %d %+v", name, status, p)
		}
		if strings.Contains(string(body), g.Secret[4:20]) {
			t.Errorf("%s: the answer repeats the secret", name)
		}
	}
}

// A revoked key fails at once everywhere: /v1/verify, the token endpoint, and the
// tokens it already has introspect inactive.
func TestRevokedKeyFailsAtOnce(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	_, admin := e.signIn(loginA, e.passwordA)
	g := e.generate(admin.AccessToken, tiersA, "À révoquer")
	witness := e.generate(admin.AccessToken, tiersA, "Témoin") // introspects the other's tokens

	tok, err := e.keyClient(g.Identifier, g.Secret, oauth2.AuthStyleInHeader).Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if in := e.introspect(witness.Identifier, witness.Secret, tok.AccessToken); in["active"] != true {
		t.Fatalf("before revocation: %v", in)
	}

	status, _, body := e.do("POST", "/v1/keys/"+g.Identifier+"/revoke", admin.AccessToken, nil)
	var revoked api.KeyAction
	k := &revoked.Key
	if status != http.StatusOK || json.Unmarshal(body, &revoked) != nil || k.Status != "revoked" || k.RevokedBy != "DELHUMEAU Vincent" || k.RevokedAt == nil {
		t.Fatalf("revoke: %d %s", status, body)
	}
	if status, _ := e.verify(g.Identifier, g.Secret); status != http.StatusUnauthorized {
		t.Fatalf("verify after revocation: %d", status)
	}
	var re *oauth2.RetrieveError
	if _, err := e.keyClient(g.Identifier, g.Secret, oauth2.AuthStyleInParams).Token(ctx); !errors.As(err, &re) || re.ErrorCode != "invalid_client" {
		t.Fatalf("token after revocation: %v", err)
	}
	if in := e.introspect(witness.Identifier, witness.Secret, tok.AccessToken); in["active"] != false || len(in) != 1 {
		t.Fatalf("introspection after revocation: %v", in)
	}
	// Revoking twice is a conflict, with the French sentence.
	status, h, body := e.do("POST", "/v1/keys/"+g.Identifier+"/revoke", admin.AccessToken, nil)
	if p := problem(t, h, body); status != http.StatusConflict || p.Kind != service.ECONFLICT || p.Code != service.MsgKeyRevoked || p.Detail != msg.Text(service.MsgKeyRevoked, msg.French, nil) {
		t.Fatalf("second revocation: %d %+v", status, p)
	}
	// The revoked key cannot introspect either.
	req, _ := http.NewRequest("POST", e.url("/oauth2/introspect"), strings.NewReader(url.Values{"token": {tok.AccessToken}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(g.Identifier, g.Secret)
	if status, _, _ := e.send(req); status != http.StatusUnauthorized {
		t.Fatalf("introspection by a revoked key: %d", status)
	}
}

// Signing out (RFC 7009) ends the session: refresh token dead, access token refused by
// /v1 and inactive at introspection.
func TestSignOutRevokesSession(t *testing.T) {
	e := newEnv(t, nil)
	_, admin := e.signIn(loginA, e.passwordA)
	witness := e.generate(admin.AccessToken, tiersA, "Témoin")
	cfg, tok := e.signIn(loginA, e.passwordA)

	if in := e.introspect(witness.Identifier, witness.Secret, tok.AccessToken); in["active"] != true || in["sub"] != loginA {
		t.Fatalf("admin token before sign-out: %v", in)
	}
	if in := e.introspect(witness.Identifier, witness.Secret, tok.RefreshToken); in["active"] != true || in["token_type"] != "refresh_token" {
		t.Fatalf("refresh token before sign-out: %v", in)
	}
	form := url.Values{"token": {tok.RefreshToken}, "token_type_hint": {"refresh_token"}, "client_id": {httpserver.DesktopClientID}}
	req, _ := http.NewRequest("POST", e.url("/oauth2/revoke"), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if status, _, body := e.send(req); status != http.StatusOK {
		t.Fatalf("revoke: %d %s", status, body)
	}
	if st, _ := e.profileStatus(tok.AccessToken); st != http.StatusUnauthorized {
		t.Fatalf("access token after sign-out: %d", st)
	}
	if _, err := refresh(cfg, tok.RefreshToken); err == nil {
		t.Fatal("refresh token works after sign-out")
	}
	if in := e.introspect(witness.Identifier, witness.Secret, tok.AccessToken); in["active"] != false {
		t.Fatalf("admin token after sign-out: %v", in)
	}
	// The other session is untouched.
	if st, _ := e.profileStatus(admin.AccessToken); st != http.StatusOK {
		t.Fatalf("other session after sign-out: %d", st)
	}
	// An unknown token is answered 200 (RFC 7009 §2.2).
	form.Set("token", "nothing-of-ours")
	req, _ = http.NewRequest("POST", e.url("/oauth2/revoke"), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if status, _, _ := e.send(req); status != http.StatusOK {
		t.Fatalf("revoke unknown: %d", status)
	}
}

// Short-lived tokens (the desktop's tests rely on the option) expire on time.
func TestAccessTokenExpiry(t *testing.T) {
	clk := newFakeClock()
	e := newEnv(t, func(c *httpserver.Config) { c.AccessTokenTTL = time.Second; c.Now = clk.Now })
	cfg, tok := e.signIn(loginA, e.passwordA)
	if st, _ := e.profileStatus(tok.AccessToken); st != http.StatusOK {
		t.Fatalf("fresh token: %d", st)
	}
	clk.Advance(1100 * time.Millisecond)
	status, h, _ := e.do("GET", "/v1/profile", tok.AccessToken, nil)
	if status != http.StatusUnauthorized || !strings.Contains(h.Get("WWW-Authenticate"), "invalid_token") {
		t.Fatalf("expired token: %d %v", status, h)
	}
	// The x/oauth2 token source refreshes it by itself once its own clock says the
	// token has expired (it reads the real one: the server's fake clock moved alone).
	tok.Expiry = time.Now().Add(-time.Minute)
	client := cfg.Client(context.Background(), tok)
	resp, err := client.Get(e.url("/v1/profile"))
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("auto refresh: %v %v", err, resp)
	}
	resp.Body.Close()
}

// An expired key fails like a revoked one, and its tokens go inactive when it expires.
func TestExpiredKeyFails(t *testing.T) {
	clk := newFakeClock()
	e := newEnv(t, func(c *httpserver.Config) { c.Now = clk.Now })
	ctx := context.Background()
	e.insertKeyExpiring("0000-0000-0000-0001", tiersA, "ssk_expired", clk.Now().Add(-time.Second))
	e.insertKeyExpiring("0000-0000-0000-0002", tiersA, "ssk_soon", clk.Now().Add(1500*time.Millisecond))
	e.insertKey("0000-0000-0000-0003", tiersA, "ssk_witness")
	if status, _ := e.verify("0000-0000-0000-0001", "ssk_expired"); status != http.StatusUnauthorized {
		t.Fatalf("expired key verified: %d", status)
	}
	var re *oauth2.RetrieveError
	if _, err := e.keyClient("0000-0000-0000-0001", "ssk_expired", oauth2.AuthStyleInHeader).Token(ctx); !errors.As(err, &re) || re.ErrorCode != "invalid_client" {
		t.Fatalf("expired key got a token: %v", err)
	}
	tok, err := e.keyClient("0000-0000-0000-0002", "ssk_soon", oauth2.AuthStyleInHeader).Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if in := e.introspect("0000-0000-0000-0003", "ssk_witness", tok.AccessToken); in["active"] != true {
		t.Fatalf("before expiry: %v", in)
	}
	clk.Advance(1600 * time.Millisecond)
	if in := e.introspect("0000-0000-0000-0003", "ssk_witness", tok.AccessToken); in["active"] != false {
		t.Fatalf("token of an expired key: %v", in)
	}
	if status, _ := e.verify("0000-0000-0000-0002", "ssk_soon"); status != http.StatusUnauthorized {
		t.Fatalf("key verified after its expiry: %d", status)
	}
}
