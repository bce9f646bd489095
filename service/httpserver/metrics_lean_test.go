package httpserver_test

import (
	"bufio"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sesame/service/httpserver"
	"sesame/service/httpserver/lean"
)

// TestMetricsCountTheLeanLoop: /metrics says how many sub-requests the lean loop
// answered on the Unix socket and how many connections it handed to net/http, which
// is how an operator sees a gateway configured so that the loop never takes them.
func TestMetricsCountTheLeanLoop(t *testing.T) {
	e := newEnv(t, nil)
	_, admin := e.signIn(loginA, e.passwordA)
	loop := e.generate(admin.AccessToken, tiersA, "Loop")
	ln, err := net.Listen("unix", filepath.Join(t.TempDir(), "sesame.sock"))
	if err != nil {
		t.Fatal(err)
	}
	hs := httpserver.NewHTTPServer("", e.srv.Handler(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	gateway := lean.NewListener(hs, ln, "/v1/gateway")
	e.srv.CountLeanLoop(gateway.Stats)
	go func() { _ = hs.Serve(gateway) }()
	t.Cleanup(func() { _ = hs.Close() })

	c, err := net.Dial("unix", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(time.Minute)) // a guard against hanging, not a budget
	br := bufio.NewReader(c)
	for _, tc := range []struct {
		request string
		want    int
	}{
		{"GET /v1/gateway HTTP/1.1\r\nHost: sesame\r\nX-Sesame-Service: " + serviceLoop + "\r\nx-apikey: " + loop.Identifier + ":" + loop.Secret + "\r\n\r\n", http.StatusNoContent},
		{"GET /v1/gateway HTTP/1.1\r\nHost: sesame\r\nX-Sesame-Service: " + serviceLoop + "\r\n\r\n", http.StatusUnauthorized},
		{"GET /healthz HTTP/1.1\r\nHost: sesame\r\n\r\n", http.StatusOK}, // net/http's from here on
	} {
		if _, err := io.WriteString(c, tc.request); err != nil {
			t.Fatal(err)
		}
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Fatalf("%q: %d, want %d", tc.request, resp.StatusCode, tc.want)
		}
	}
	resp, err := http.Get(e.url("/metrics"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{"sesame_gateway_lean_answered_total 2", "sesame_gateway_lean_handed_over_total 1"} {
		if !strings.Contains(string(b), want+"\n") {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}
