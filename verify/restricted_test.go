package verify_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"golang.org/x/oauth2/clientcredentials"

	"sesame/service"
	"sesame/service/httpserver/servertest"
	"sesame/verify"
)

// A read-only key, asked about without the request it is used for, is refused
// (ErrRestricted), by Check for its x-apikey and by TokenVerifier.Verify for its
// access token: a service calling them directly would otherwise accept it for any
// method, address or rate. CheckRequest and VerifyRequest, given the request,
// accept its GET and refuse its POST.
func TestRestrictedKeysNeedTheRequest(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	ro, err := f.portal.Generate(ctx, service.GenerateRequest{Tiers: servertest.Tiers, Service: "loop-apikey", Name: "Lecture seule",
		Restrictions: service.RestrictionsInput{ReadOnly: true}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.v.Check(ctx, apikey(ro)); !errors.Is(err, verify.ErrRestricted) {
		t.Fatalf("Check of a read-only key without its request: %v, want ErrRestricted", err)
	}
	if _, err := f.v.Check(ctx, apikey(f.loop)); err != nil {
		t.Fatalf("Check of a key without restrictions: %v", err)
	}
	request := func(method, header, value string) *http.Request {
		r, _ := http.NewRequestWithContext(ctx, method, "http://api.cabinet.example/clients", nil)
		r.RemoteAddr = "192.0.2.10:40000"
		r.Header.Set(header, value)
		return r
	}
	if id, err := f.v.CheckRequest(request("GET", "x-apikey", apikey(ro))); err != nil || id.Key != ro.Credentials.Identifier {
		t.Fatalf("CheckRequest, GET with a read-only key: %+v %v", id, err)
	}
	var rf *verify.Refusal
	if _, err := f.v.CheckRequest(request("POST", "x-apikey", apikey(ro))); !errors.As(err, &rf) || rf.Reason != "read_only" {
		t.Fatalf("CheckRequest, POST with a read-only key: %v, want a read_only refusal", err)
	}

	cc := clientcredentials.Config{ClientID: ro.Credentials.Identifier, ClientSecret: ro.Credentials.Secret, TokenURL: f.srv.URL + "/oauth2/token"}
	tok, err := cc.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{t: time.Now()}
	tv := verify.NewTokenVerifier(f.srv.URL, "loop-apikey", nil, c.Now)
	if _, err := tv.Verify(ctx, tok.AccessToken); !errors.Is(err, verify.ErrRestricted) {
		t.Fatalf("Verify of a read-only key's token without its request: %v, want ErrRestricted", err)
	}
	if id, err := tv.VerifyRequest(request("GET", "Authorization", "Bearer "+tok.AccessToken)); err != nil || id.Key != ro.Credentials.Identifier {
		t.Fatalf("VerifyRequest, GET with a read-only key's token: %+v %v", id, err)
	}
	if _, err := tv.VerifyRequest(request("DELETE", "Authorization", "Bearer "+tok.AccessToken)); !errors.As(err, &rf) || rf.Reason != "read_only" {
		t.Fatalf("VerifyRequest, DELETE with a read-only key's token: %v, want a read_only refusal", err)
	}
}
