package verify_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"golang.org/x/oauth2/clientcredentials"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/httpserver/servertest"
	"sesame/service/local"
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

// A service behind the middleware sends its client's address (X-Forwarded-For);
// the server believes it only from a --trusted-proxy. Not listed, the client's
// address is unknown and a key with an address list is refused, even one that
// lists the service's own address; listed, the client's own address decides.
func TestAddressRestrictionThroughTheMiddleware(t *testing.T) {
	ctx := context.Background()
	for _, trusted := range []bool{false, true} {
		var tweak func(*httpserver.Config)
		if trusted {
			tweak = func(c *httpserver.Config) { c.TrustedProxies, _ = httpserver.ParseTrustedProxies("127.0.0.0/8, ::1") }
		}
		srv := servertest.Start(t, tweak)
		g, err := local.New(srv.Store, servertest.Login).Generate(ctx, service.GenerateRequest{Tiers: servertest.Tiers,
			Service: "loop-apikey", Name: "Réseau du cabinet", Restrictions: service.RestrictionsInput{Addresses: []string{"127.0.0.0/8", "10.0.0.0/8"}}})
		if err != nil {
			t.Fatal(err)
		}
		v, err := verify.New(verify.Config{Server: srv.URL, Service: "loop-apikey"})
		if err != nil {
			t.Fatal(err)
		}
		from := func(client string) error {
			r, _ := http.NewRequestWithContext(ctx, "GET", "http://api.cabinet.example/clients", nil)
			r.RemoteAddr = client + ":40000"
			r.Header.Set("x-apikey", apikey(g))
			_, err := v.CheckRequest(r)
			return err
		}
		var rf *verify.Refusal
		for _, client := range []string{"198.51.100.7", "10.0.0.20"} {
			err := from(client)
			switch {
			case client == "10.0.0.20" && trusted:
				if err != nil {
					t.Fatalf("trusted service, client %s in the key's networks: %v", client, err)
				}
			case !errors.As(err, &rf) || rf.Reason != "address_not_allowed":
				t.Fatalf("trusted=%v, client %s: %v, want an address_not_allowed refusal", trusted, client, err)
			}
		}
	}
}
