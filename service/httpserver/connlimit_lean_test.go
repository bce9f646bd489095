package httpserver_test

import (
	"bufio"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"sesame/service/httpserver"
	"sesame/service/httpserver/lean"
)

// The connection cap holds on the Unix socket too, where the lean loop answers the
// gateway's sub-requests and hands the other requests to net/http: a connection
// idle in either makes room for a newcomer at the cap (sesame-server serve
// --listen-unix wires them so).
func TestConnectionCapThroughTheLeanLoop(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	lim := httpserver.NewConnLimiter(1, log)
	ln, err := net.Listen("unix", filepath.Join(t.TempDir(), "sesame.sock"))
	if err != nil {
		t.Fatal(err)
	}
	hs := httpserver.NewHTTPServer("", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}), log)
	hs.ConnState = lim.ConnState
	gateway := lean.NewListener(hs, lim.Listener(ln), "/v1/gateway")
	go func() { _ = hs.Serve(gateway) }()
	t.Cleanup(func() { _ = hs.Close() })

	dial := func() net.Conn {
		t.Helper()
		c, err := net.Dial("unix", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = c.Close() })
		_ = c.SetDeadline(time.Now().Add(time.Minute)) // a guard against hanging, not a budget
		return c
	}
	ask := func(c net.Conn, request string) {
		t.Helper()
		if _, err := io.WriteString(c, request); err != nil {
			t.Fatal(err)
		}
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil || resp.StatusCode != http.StatusNoContent {
			t.Fatalf("%q: %v %v", request, resp, err)
		}
	}
	closedByServer := func(c net.Conn) bool {
		_, err := c.Read(make([]byte, 1))
		return err == io.EOF
	}
	const subrequest = "GET /v1/gateway HTTP/1.1\r\nHost: sesame\r\n\r\n"
	const other = "POST /v1/verify HTTP/1.1\r\nHost: sesame\r\nContent-Length: 0\r\n\r\n"

	// Idle in the lean loop after a sub-request.
	c1 := dial()
	ask(c1, subrequest)
	waitFor(t, "c1 idle in the lean loop", func() bool { return lim.Idle() == 1 })
	c2 := dial()
	ask(c2, subrequest)
	if !closedByServer(c1) {
		t.Fatal("the connection idle in the lean loop was not closed to make room")
	}
	// Idle in net/http, after the lean loop handed it over.
	ask(c2, other)
	if s := gateway.Stats(); s.Answered != 2 || s.HandedOver != 1 {
		t.Fatalf("the lean loop's counts: %+v, want 2 answered and 1 handed over", s)
	}
	waitFor(t, "c2 idle in net/http", func() bool { return lim.Idle() == 1 })
	c3 := dial()
	ask(c3, subrequest)
	if !closedByServer(c2) {
		t.Fatal("the connection handed to net/http and idle there was not closed to make room")
	}
}
