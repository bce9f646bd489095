package httpserver_test

import (
	"bufio"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"sesame/service/httpserver"
	"sesame/service/httpserver/servertest"
)

// The server keeps at most its cap of connections: past it, an idle keep-alive
// connection makes room, and when none is idle the newcomer is closed at once.
func TestConnectionCap(t *testing.T) {
	logs := &servertest.Logs{}
	lim := httpserver.NewConnLimiter(2, slog.New(slog.NewTextHandler(logs, nil)))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := httpserver.NewHTTPServer("", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "ok")
	}), slog.New(slog.NewTextHandler(logs, nil)))
	hs.ConnState = lim.ConnState
	go func() { _ = hs.Serve(lim.Listener(ln)) }()
	t.Cleanup(func() { _ = hs.Close() })

	dial := func() net.Conn {
		t.Helper()
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = c.Close() })
		_ = c.SetDeadline(time.Now().Add(time.Minute)) // a guard against hanging, not a budget
		return c
	}
	get := func(c net.Conn) (*http.Response, error) {
		if _, err := io.WriteString(c, "GET / HTTP/1.1\r\nHost: sesame\r\n\r\n"); err != nil {
			return nil, err
		}
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err == nil {
			_, _ = io.ReadAll(resp.Body)
			resp.Body.Close()
		}
		return resp, err
	}
	closedByServer := func(c net.Conn) bool {
		_, err := c.Read(make([]byte, 1))
		return err == io.EOF
	}

	// Two connections that have sent nothing hold the two places.
	c1, c2 := dial(), dial()
	waitFor(t, "two open connections", func() bool { return lim.Open() == 2 })
	c3 := dial()
	if !closedByServer(c3) {
		t.Fatal("a third connection was kept open past the cap of 2")
	}
	if !strings.Contains(logs.String(), "too many open connections") {
		t.Fatalf("refusal not logged:\n%s", logs)
	}
	// c1 makes a request and idles: a newcomer takes its place and is served.
	if resp, err := get(c1); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("request on c1: %v", err)
	}
	waitFor(t, "c1 idle", func() bool { return lim.Idle() == 1 })
	c4 := dial()
	if resp, err := get(c4); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("newcomer at the cap with an idle connection: %v", err)
	}
	if !closedByServer(c1) {
		t.Fatal("the idle connection was not closed to make room")
	}
	// A connection closed by its client frees its place.
	_ = c2.Close()
	waitFor(t, "c2's place freed", func() bool { return lim.Open() == 1 })
	if resp, err := get(dial()); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("after c2 left: %v", err)
	}
}
