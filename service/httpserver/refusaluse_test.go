package httpserver_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/local"
)

// A check refused with the right secret is not a use: a key of another service (403
// on /v1/verify and /v1/gateway) and an introspection without its token (400) leave
// the key « jamais utilisée », with no use counted; the successful check that follows
// is the day's one use.
func TestRefusedChecksAreNotUses(t *testing.T) {
	e, clock, p := newClockEnv(t)
	ctx := context.Background()
	g, err := p.Generate(ctx, service.GenerateRequest{Tiers: tiersA, Service: serviceLoop, Name: "Synchro banque"})
	if err != nil {
		t.Fatal(err)
	}
	c := g.Credentials
	for _, path := range []string{"/v1/verify?service=" + serviceDepot, "/v1/gateway?service=" + serviceDepot} {
		method := "POST"
		if strings.HasPrefix(path, "/v1/gateway") {
			method = "GET"
		}
		req, _ := http.NewRequest(method, e.url(path), nil)
		req.Header.Set("x-apikey", c.Identifier+":"+c.Secret)
		if status, _, body := e.send(req); status != http.StatusForbidden {
			t.Fatalf("%s %s with a key of another service: %d %s", method, path, status, body)
		}
	}
	req, _ := http.NewRequest("POST", e.url("/oauth2/introspect"), strings.NewReader(""))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(c.Identifier), url.QueryEscape(c.Secret))
	if status, _, body := e.send(req); status != http.StatusBadRequest {
		t.Fatalf("introspection without a token: %d %s", status, body)
	}
	d := detailsAfterRestart(t, e, clock, p, c.Identifier)
	if !d.Key.LastUsedAt.IsZero() || d.Uses[len(d.Uses)-1].Uses != 0 {
		t.Fatalf("after refused checks only: last use %v, today's uses %+v; want never, 0", d.Key.LastUsedAt, d.Uses[len(d.Uses)-1])
	}
	if st, body := e.verify(c.Identifier, c.Secret); st != http.StatusOK {
		t.Fatalf("verify: %d %s", st, body)
	}
	d = detailsAfterRestart(t, e, clock, p, c.Identifier)
	if d.Key.LastUsedAt.IsZero() || d.Uses[len(d.Uses)-1].Uses != 1 {
		t.Fatalf("after one accepted check: last use %v, today's uses %+v; want 1", d.Key.LastUsedAt, d.Uses[len(d.Uses)-1])
	}
}

// detailsAfterRestart stops the server, which writes the uses it buffers, starts it
// again and returns the key's details.
func detailsAfterRestart(t *testing.T, e *env, clock *fakeClock, p *local.Portal, id string) service.KeyDetails {
	t.Helper()
	if err := e.srv.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.start(clockConfig(clock))
	d, err := p.KeyDetails(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
