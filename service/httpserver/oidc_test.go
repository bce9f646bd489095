package httpserver_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// A resource server checks Sésame's access tokens offline with any JOSE library;
// here go-oidc's verifier on the published JWKS. It does not look at the JWT's
// "typ" header, so the test checks RFC 9068's at+jwt itself.
func TestAccessTokensVerifyAgainstJWKS(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()

	var meta struct {
		Issuer                        string   `json:"issuer"`
		JWKSURI                       string   `json:"jwks_uri"`
		TokenEndpoint                 string   `json:"token_endpoint"`
		CodeChallengeMethodsSupported []string `json:"code_challenge_methods_supported"`
	}
	status, _, body := e.do("GET", "/.well-known/oauth-authorization-server", "", nil)
	if status != http.StatusOK || json.Unmarshal(body, &meta) != nil {
		t.Fatalf("metadata: %d %s", status, body)
	}
	if meta.Issuer != e.ts.URL || meta.TokenEndpoint != e.url("/oauth2/token") || strings.Join(meta.CodeChallengeMethodsSupported, ",") != "S256" {
		t.Fatalf("metadata: %+v", meta)
	}
	keySet := oidc.NewRemoteKeySet(ctx, meta.JWKSURI)

	_, admin := e.signIn(loginA, e.passwordA)
	g := e.generate(admin.AccessToken, tiersA, "Passerelle")
	apiTok, err := e.keyClient(g.Identifier, g.Secret, oauth2.AuthStyleInHeader).Token(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// The API key's token, for the service it opens.
	v := oidc.NewVerifier(meta.Issuer, keySet, &oidc.Config{ClientID: serviceLoop, SupportedSigningAlgs: []string{oidc.ES256}})
	idt, err := v.Verify(ctx, apiTok.AccessToken)
	if err != nil {
		t.Fatalf("verify API key token: %v", err)
	}
	var claims struct {
		ClientID string `json:"client_id"`
		Tiers    string `json:"tiers"`
		Service  string `json:"service"`
		JTI      string `json:"jti"`
	}
	if err := idt.Claims(&claims); err != nil {
		t.Fatal(err)
	}
	if idt.Subject != g.Identifier || claims.ClientID != g.Identifier || claims.Tiers != tiersA || claims.Service != serviceLoop || claims.JTI == "" {
		t.Fatalf("claims: sub %q %+v", idt.Subject, claims)
	}
	checkJWTHeader(t, apiTok.AccessToken)

	// The administrator's token, for the /v1 API.
	v = oidc.NewVerifier(meta.Issuer, keySet, &oidc.Config{ClientID: e.ts.URL + "/v1", SupportedSigningAlgs: []string{oidc.ES256}})
	idt, err = v.Verify(ctx, admin.AccessToken)
	if err != nil {
		t.Fatalf("verify admin token: %v", err)
	}
	if idt.Subject != loginA {
		t.Fatalf("admin token sub = %q", idt.Subject)
	}
	checkJWTHeader(t, admin.AccessToken)

	// A token altered by one character, or checked for another issuer, fails.
	tampered := []byte(admin.AccessToken)
	i := strings.LastIndexByte(admin.AccessToken, '.') + 5
	tampered[i] ^= 1
	if _, err := v.Verify(ctx, string(tampered)); err == nil {
		t.Fatal("a tampered token verified")
	}
	other := oidc.NewVerifier("https://elsewhere.example", keySet, &oidc.Config{SkipClientIDCheck: true, SupportedSigningAlgs: []string{oidc.ES256}})
	if _, err := other.Verify(ctx, admin.AccessToken); err == nil {
		t.Fatal("a token verified for another issuer")
	}
}

// checkJWTHeader checks RFC 9068 §2.1: alg ES256, typ at+jwt, and a kid.
func checkJWTHeader(t *testing.T, jwt string) {
	t.Helper()
	raw, err := base64.RawURLEncoding.DecodeString(strings.SplitN(jwt, ".", 2)[0])
	if err != nil {
		t.Fatal(err)
	}
	var h map[string]any
	if err := json.Unmarshal(raw, &h); err != nil {
		t.Fatal(err)
	}
	if h["alg"] != "ES256" || h["typ"] != "at+jwt" || h["kid"] == "" || h["kid"] == nil {
		t.Fatalf("JWT header %v", h)
	}
}
