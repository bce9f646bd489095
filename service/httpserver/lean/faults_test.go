package lean_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"sesame/service/httpserver/lean"
)

// The faults below were found in review; each test failed before its fix. Their
// timeouts are short on purpose: they say when the server must give up on a peer,
// and the assertions only ask whether it did, never how fast.

// oneEMFILE is a listener whose first Accept fails as when the process is out of file
// descriptors for a moment.
type oneEMFILE struct {
	net.Listener
	once sync.Once
}

func (l *oneEMFILE) Accept() (net.Conn, error) {
	fail := false
	l.once.Do(func() { fail = true })
	if fail {
		return nil, &net.OpError{Op: "accept", Net: "unix", Err: os.NewSyscallError("accept4", syscall.EMFILE)}
	}
	return l.Listener.Accept()
}

// TestAcceptRetriesWhenOutOfDescriptors: running out of descriptors for a moment
// does not end the socket (which would stop sesame-server); the loop waits and
// accepts again, as net/http does.
func TestAcceptRetriesWhenOutOfDescriptors(t *testing.T) {
	ln, err := net.Listen("unix", filepath.Join(t.TempDir(), "s.sock"))
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: http.HandlerFunc(handler), ErrorLog: discardLog()}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(lean.NewListener(hs, &oneEMFILE{Listener: ln}, "/v1/gateway")) }()
	defer hs.Close()
	if got := exchange(t, ln.Addr().String(), sub("")); !strings.HasPrefix(got, "HTTP/1.1 204 ") {
		t.Fatalf("after one EMFILE the socket answered %q", got)
	}
	select {
	case err := <-served:
		t.Fatalf("Serve ended after one EMFILE: %v", err)
	default:
	}
}

// TestHeadTimeoutCoversTheWholeHead: a peer that sends its head one byte at a time
// is cut off once ReadHeaderTimeout has passed since it began, however often it
// sends, and so is one that connects and sends nothing (a slowloris would otherwise
// hold its place at the connection cap for as long as it likes).
func TestHeadTimeoutCoversTheWholeHead(t *testing.T) {
	p := newPairWith(t, http.HandlerFunc(handler), func(hs *http.Server) {
		hs.ReadHeaderTimeout, hs.IdleTimeout = 200*time.Millisecond, time.Minute
	})
	c := dialGuarded(t, p.lean)
	if _, err := io.WriteString(c, "GET /v1/gateway HTTP/1.1\r\nHost: s\r\n"); err != nil {
		t.Fatal(err)
	}
	cut := false
	for i := 0; i < 100 && !cut; i++ { // up to 5 s of one byte every 50 ms
		time.Sleep(50 * time.Millisecond)
		_, err := io.WriteString(c, "X")
		cut = err != nil
	}
	if !cut {
		_, _ = io.WriteString(c, ": y\r\n\r\n")
		if got, _ := io.ReadAll(io.LimitReader(c, 12)); strings.HasPrefix(string(got), "HTTP/1.1 204") {
			t.Fatal("a head that took 5 s to arrive was answered (ReadHeaderTimeout 200 ms)")
		}
	}
	silent := dialGuarded(t, p.lean)
	if _, err := silent.Read(make([]byte, 1)); !errors.Is(err, io.EOF) {
		t.Errorf("a connection that sent nothing: read gave %v, want EOF once ReadHeaderTimeout passed (not the 1 min idle timeout)", err)
	}
}

// TestAnswerOutlivesTheHeadDeadline: a head that came in two pieces, then a slow
// handler, still gets its answer: the write is bounded by WriteTimeout, not by what
// was left of the time to read the head.
func TestAnswerOutlivesTheHeadDeadline(t *testing.T) {
	p := newPairWith(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(400 * time.Millisecond) // a slow database
		handler(w, r)
	}), func(hs *http.Server) { hs.ReadHeaderTimeout, hs.WriteTimeout = 200*time.Millisecond, 30*time.Second })
	c := dialGuarded(t, p.lean)
	if _, err := io.WriteString(c, "GET /v1/gateway HTTP/1.1\r\nHost: s\r\n"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond) // the rest of the head in a second read
	if _, err := io.WriteString(c, "X-Sesame-Service: s\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(io.LimitReader(c, 12)); !strings.HasPrefix(string(got), "HTTP/1.1 204") {
		t.Fatalf("no answer from a 400 ms handler after a head in two pieces: %q %v", got, err)
	}
}

// TestHandlerLengthNeverMisframes: a handler that declares a Content-Length its body
// does not have cannot make the next answer on the connection unreadable (the
// gateway's pooled connection would read one answer's tail as the next's head).
func TestHandlerLengthNeverMisframes(t *testing.T) {
	for _, declared := range []string{"2", "50", "abc"} {
		p := newPairWith(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", declared)
			_, _ = io.WriteString(w, "hello")
		}), nil)
		c := dialGuarded(t, p.lean)
		br := bufio.NewReader(c)
		for i := range 2 {
			if _, err := io.WriteString(c, sub("")); err != nil {
				t.Fatal(err)
			}
			resp, err := http.ReadResponse(br, nil)
			if err != nil {
				t.Fatalf("Content-Length %s, answer %d: %v", declared, i+1, err)
			}
			body, err := io.ReadAll(resp.Body)
			if err != nil || string(body) != "hello" {
				t.Fatalf("Content-Length %s, answer %d: body %q %v", declared, i+1, body, err)
			}
		}
	}
}

// TestShutdownAnswersLastWithConnectionClose: at Shutdown, the sub-request running
// is answered with "Connection: close", as net/http does, so that the gateway does not
// put the connection back in its pool, and the request pipelined behind it is not
// taken.
func TestShutdownAnswersLastWithConnectionClose(t *testing.T) {
	h, started, release := holding()
	p := newPair(t, h)
	c := dialGuarded(t, p.lean)
	if _, err := io.WriteString(c, sub("X-Case: wait\r\n")+sub("")); err != nil {
		t.Fatal(err)
	}
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := p.leanHS.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	close(release)
	got, _ := io.ReadAll(c)
	if n := strings.Count(string(got), "HTTP/1.1 "); n != 1 || !strings.Contains(string(got), "\r\nConnection: close\r\n") {
		t.Errorf("after Shutdown the connection got %d answers: %q; want the running one, with Connection: close", n, got)
	}
}

// dialGuarded connects to path, with a deadline against a hanging test (not a
// budget).
func dialGuarded(t *testing.T, path string) net.Conn {
	t.Helper()
	c, err := net.Dial("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	_ = c.SetDeadline(time.Now().Add(20 * time.Second))
	return c
}
