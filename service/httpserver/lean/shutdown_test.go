package lean_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestShutdownEndsIdleConnectionsAndLetsBusyOnesFinish is what a rolling restart
// does to a gateway's pool of connections: http.Server.Shutdown closes the lean
// loop's idle connections at once, lets a sub-request already running finish and
// reach the gateway, then closes that connection too; Wait returns once both ended.
func TestShutdownEndsIdleConnectionsAndLetsBusyOnesFinish(t *testing.T) {
	h, started, release := holding()
	p := newPair(t, h)
	idle, busy := dialGuarded(t, p.lean), dialGuarded(t, p.lean)
	if _, err := io.WriteString(idle, sub("")); err != nil {
		t.Fatal(err)
	}
	if answer := readAnswer(t, idle); !strings.HasPrefix(answer, "HTTP/1.1 204 ") {
		t.Fatalf("first sub-request: %q", answer)
	}
	if _, err := io.WriteString(busy, sub("X-Case: wait\r\n")); err != nil {
		t.Fatal(err)
	}
	<-started

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := p.leanHS.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if _, err := idle.Read(make([]byte, 1)); !errors.Is(err, io.EOF) {
		t.Errorf("the idle connection after Shutdown: read gave %v, want EOF (closed by the server)", err)
	}
	if c, err := net.Dial("unix", p.lean); err == nil {
		c.Close()
		t.Error("a new connection was accepted after Shutdown")
	}
	close(release)
	rest, err := io.ReadAll(busy)
	if err != nil {
		t.Fatalf("the busy connection: %v", err)
	}
	if !strings.HasPrefix(string(rest), "HTTP/1.1 204 ") {
		t.Errorf("the sub-request running at Shutdown got %q, want its 204 then the end of the connection", rest)
	}
	if err := p.leanLn.Wait(ctx); err != nil {
		t.Errorf("Wait: %v", err)
	}
}

// readAnswer reads one answer without a body (a 204).
func readAnswer(t *testing.T, c net.Conn) string {
	t.Helper()
	var b []byte
	buf := make([]byte, 1024)
	for !strings.Contains(string(b), "\r\n\r\n") {
		n, err := c.Read(buf)
		b = append(b, buf[:n]...)
		if err != nil {
			t.Fatalf("reading an answer: %v (so far %q)", err, b)
		}
	}
	return string(b)
}

// holding is handler, except that an "X-Case: wait" request tells started when it
// runs and waits for release to be closed.
func holding() (h http.Handler, started chan struct{}, release chan struct{}) {
	started, release = make(chan struct{}), make(chan struct{})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Case") == "wait" {
			started <- struct{}{}
			<-release
		}
		handler(w, r)
	}), started, release
}
