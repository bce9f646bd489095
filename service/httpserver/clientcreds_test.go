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
	"golang.org/x/oauth2/clientcredentials"

	"sesame/service"
	"sesame/service/store"
)

// keyClient is the configuration a consumer of an API key uses for the OAuth2
// client credentials grant.
func (e *env) keyClient(id, secret string, style oauth2.AuthStyle) *clientcredentials.Config {
	return &clientcredentials.Config{ClientID: id, ClientSecret: secret, TokenURL: e.url("/oauth2/token"), AuthStyle: style}
}

// introspect asks the introspection endpoint about a token, authenticating with an
// API key.
func (e *env) introspect(callerID, callerSecret, token string) map[string]any {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.url("/oauth2/introspect"), strings.NewReader(url.Values{"token": {token}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(callerID), url.QueryEscape(callerSecret))
	status, _, body := e.send(req)
	if status != http.StatusOK {
		e.t.Fatalf("introspect: %d %s", status, body)
	}
	var out map[string]any
	if err := json.Unmarshal(body, &out); err != nil {
		e.t.Fatal(err)
	}
	return out
}

// insertKey stores a key whose secret is whatever the test chooses (the server never
// generates such a secret: it tests the decoding of credentials, not the format).
func (e *env) insertKey(id, tiers, secret string) {
	e.t.Helper()
	e.insertKeyExpiring(id, tiers, secret, time.Time{})
}

// insertKeyExpiring is insertKey with an expiry instant (zero: none).
func (e *env) insertKeyExpiring(id, tiers, secret string, expires time.Time) {
	e.t.Helper()
	now := time.Now()
	k := service.Key{ID: id, Tiers: tiers, Service: serviceLoop, Name: "inserted " + id, CreatedAt: now,
		CreatedBy: "test", Status: service.StatusActive, SecretHint: "test", ExpiresAt: expires}
	ev := service.AuditEvent{At: now, Actor: "test", Login: "test", Action: service.AuditGenerate, KeyID: id, KeyName: k.Name, Tiers: tiers, Service: serviceLoop}
	if err := e.st.InsertKey(context.Background(), store.KeyRecord{Key: k, Digest: service.SecretDigest(secret)}, ev); err != nil {
		e.t.Fatalf("InsertKey: %v", err)
	}
}

func TestClientCredentialsBothAuthStyles(t *testing.T) {
	e := newEnv(t, nil)
	_, admin := e.signIn(loginA, e.passwordA)
	g := e.generate(admin.AccessToken, tiersA, "Passerelle Loop")
	for name, style := range map[string]oauth2.AuthStyle{"header": oauth2.AuthStyleInHeader, "params": oauth2.AuthStyleInParams} {
		tok, err := e.keyClient(g.Identifier, g.Secret, style).Token(context.Background())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if tok.TokenType != "Bearer" || tok.RefreshToken != "" || time.Until(tok.Expiry) < 4*time.Minute || time.Until(tok.Expiry) > 5*time.Minute {
			t.Fatalf("%s: token type %q, refresh %v, expiry %v", name, tok.TokenType, tok.RefreshToken != "", tok.Expiry)
		}
		in := e.introspect(g.Identifier, g.Secret, tok.AccessToken)
		if in["active"] != true || in["sub"] != g.Identifier || in["client_id"] != g.Identifier || in["tiers"] != tiersA || in["service"] != serviceLoop {
			t.Fatalf("%s: introspection %v", name, in)
		}
	}
	// The identifier as a person would type it: lower case, without hyphens.
	typed := strings.ToLower(strings.ReplaceAll(g.Identifier, "-", ""))
	if _, err := e.keyClient(typed, g.Secret, oauth2.AuthStyleInHeader).Token(context.Background()); err != nil {
		t.Fatalf("identifier as typed: %v", err)
	}
	// A wrong secret, an unknown identifier: invalid_client.
	var re *oauth2.RetrieveError
	for _, c := range [][2]string{{g.Identifier, g.Secret + "x"}, {"ZZZZ-ZZZZ-ZZZZ-ZZZZ", g.Secret}} {
		if _, err := e.keyClient(c[0], c[1], oauth2.AuthStyleInHeader).Token(context.Background()); !errors.As(err, &re) ||
			re.ErrorCode != "invalid_client" || re.Response.StatusCode != http.StatusUnauthorized {
			t.Fatalf("bad credentials: %v", err)
		}
	}
}

func TestClientCredentialsFormEncodedSecrets(t *testing.T) {
	e := newEnv(t, nil)
	// Secrets with the characters that form-urlencoding changes: a server that
	// base64-decoded Basic without url-decoding, or decoded "+" wrongly, fails here.
	secrets := map[string]string{
		"0000-0000-0000-0001": "ssk_a+b/c=d&e",
		"0000-0000-0000-0002": "ssk_%2B+%26 space=&&",
		"0000-0000-0000-0003": "ssk_ü:colon:+/=&",
	}
	for id, secret := range secrets {
		e.insertKey(id, tiersA, secret)
	}
	for id, secret := range secrets {
		for name, style := range map[string]oauth2.AuthStyle{"header": oauth2.AuthStyleInHeader, "params": oauth2.AuthStyleInParams} {
			tok, err := e.keyClient(id, secret, style).Token(context.Background())
			if err != nil {
				t.Fatalf("%s, %s: %v", id, name, err)
			}
			if in := e.introspect(id, secret, tok.AccessToken); in["sub"] != id {
				t.Fatalf("%s, %s: token for %v", id, name, in["sub"])
			}
		}
		// The same secret sent raw (not form-encoded) in Basic is a different one.
		if strings.ContainsAny(secret, "+%") {
			req, _ := http.NewRequest("POST", e.url("/oauth2/token"), strings.NewReader("grant_type=client_credentials"))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.SetBasicAuth(id, secret)
			if status, _, body := e.send(req); status != http.StatusUnauthorized {
				t.Fatalf("%s: un-encoded Basic secret accepted: %d %s", id, status, body)
			}
		}
	}
}

func TestClientCredentialsTwoMethodsAtOnce(t *testing.T) {
	e := newEnv(t, nil)
	e.insertKey("0000-0000-0000-0001", tiersA, "ssk_secret")
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {"0000-0000-0000-0001"}, "client_secret": {"ssk_secret"}}
	req, _ := http.NewRequest("POST", e.url("/oauth2/token"), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth("0000-0000-0000-0001", "ssk_secret")
	status, _, body := e.send(req)
	var oe struct{ Error string }
	_ = json.Unmarshal(body, &oe)
	if status != http.StatusBadRequest || oe.Error != "invalid_request" || strings.Contains(string(body), "access_token") {
		t.Fatalf("Basic and body credentials at once: %d %s", status, body)
	}
	// Repeated parameters are refused too.
	req, _ = http.NewRequest("POST", e.url("/oauth2/token"), strings.NewReader(form.Encode()+"&grant_type=client_credentials"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if status, _, body := e.send(req); status != http.StatusBadRequest {
		t.Fatalf("repeated grant_type: %d %s", status, body)
	}
}
