package httpserver_test

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"

	"sesame/service/httpserver"
)

// TestLargeHeadRefusedAndLogged sends, to the server as serve runs it
// (NewHTTPServer), a gateway sub-request whose head holds about 20 kB of headers:
// it is refused with 431, and the log says so at WARN with the head's size, without
// any header's value; a head of about 10 kB passes.
func TestLargeHeadRefusedAndLogged(t *testing.T) {
	e := newEnv(t, nil)
	_, admin := e.signIn(loginA, e.passwordA)
	loop := e.generate(admin.AccessToken, tiersA, "Loop")
	hs := httpserver.NewHTTPServer("", e.srv.Handler(), slog.New(slog.NewTextHandler(e.logs, nil)))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = hs.Serve(ln) }()
	t.Cleanup(func() { _ = hs.Close() })

	filler := strings.Repeat("cookie-crumb-", 5000/13)
	for _, tc := range []struct {
		fields int
		want   int
	}{{2, http.StatusNoContent}, {4, http.StatusRequestHeaderFieldsTooLarge}} {
		req, _ := http.NewRequest("GET", "http://"+ln.Addr().String()+"/v1/gateway", nil)
		req.Header.Set("X-Sesame-Service", serviceLoop)
		req.Header.Set("x-apikey", loop.Identifier+":"+loop.Secret)
		for i := range tc.fields {
			req.Header.Set("X-Filler-"+string(rune('A'+i)), filler)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("%d headers of 5 kB: %d, want %d: %s", tc.fields, resp.StatusCode, tc.want, body)
		}
	}
	logs := e.logs.String()
	var line string
	for _, l := range strings.Split(logs, "\n") {
		if strings.Contains(l, "head too large") {
			line = l
		}
	}
	if !strings.Contains(line, "level=WARN") || !strings.Contains(line, "path=/v1/gateway") || !strings.Contains(line, "head_bytes=2") {
		t.Errorf("no WARN line for the refused head (with its path and size):\n%s", logs)
	}
	if strings.Contains(logs, "cookie-crumb") || strings.Contains(logs, loop.Secret) {
		t.Error("a header's value reached the log")
	}
}
