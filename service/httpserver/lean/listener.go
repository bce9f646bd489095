// Package lean answers the simplest HTTP/1.1 requests of a keep-alive connection, GETs
// of one path with no body, without net/http's per-request machinery, and hands the
// connection to net/http at the first request it does not take.
//
// It exists for gateways' sub-requests (nginx auth_request to /v1/gateway): each one
// is a full HTTP round trip that only asks whether a key may pass, and net/http's
// share of its cost (a goroutine watching the connection during the handler, a
// buffered reader and writer, the request's context) is larger than the check itself.
// The lean loop reads with one reused buffer, calls the same http.Handler, and writes
// the answer with one system call. What it takes is a strict subset of what net/http
// reads the same way (FuzzParseAgreesWithNetHTTP); everything else, down to the
// errors net/http answers, is net/http's.
package lean

import (
	"bytes"
	"context"
	"log"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults for what the http.Server leaves at zero.
const (
	defaultIdleTimeout = 2 * time.Minute
	defaultHeadTimeout = 10 * time.Second
	defaultMaxHead     = 16 << 10
	firstBuffer        = 4 << 10 // most sub-requests' heads fit; the buffer grows up to the limit
)

// Listener hands net/http the connections the lean loop gave up. Serve it with the
// http.Server it was made from: hs.Serve(lean.NewListener(hs, ln, "/v1/gateway")).
type Listener struct {
	ln      net.Listener
	hs      *http.Server
	path    string // the path taken
	line    []byte // its request line: "GET /path HTTP/1.1\r\n"
	handoff chan net.Conn
	done    chan struct{}
	closed  atomic.Bool

	answered, handedOver atomic.Uint64

	start  sync.Once // the accept loop, begun by the first Accept
	mu     sync.Mutex
	conns  map[*leanConn]struct{} // the connections in the lean loop
	active sync.WaitGroup
	once   sync.Once
}

// leanConn is a connection in the lean loop.
type leanConn struct {
	net.Conn
	busy    atomic.Bool // a request runs: Close lets it finish
	writeBy time.Time   // its write deadline (boundWrite), touched by its loop only
}

// NewListener accepts connections from ln, once hs serves the Listener, and serves
// each in the lean loop with hs's handler, timeouts (IdleTimeout, ReadHeaderTimeout,
// or ReadTimeout; WriteTimeout), header limit (MaxHeaderBytes), ConnState hook and
// ErrorLog, taking the GETs of path. A connection it gives up comes out of the
// Listener's Accept, the bytes already read first.
func NewListener(hs *http.Server, ln net.Listener, path string) *Listener {
	l := &Listener{
		ln: ln, hs: hs, path: path, line: []byte("GET " + path + " HTTP/1.1\r\n"),
		handoff: make(chan net.Conn), done: make(chan struct{}), conns: map[*leanConn]struct{}{},
	}
	return l
}

// Accept returns the next connection for net/http, or net.ErrClosed once closed.
// The first call starts the lean loop's own accepting: nothing is served before the
// http.Server serves the listener (a Shutdown before Serve leaves it untouched).
func (l *Listener) Accept() (net.Conn, error) {
	l.start.Do(func() { go l.acceptLoop() })
	select {
	case c := <-l.handoff:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Stats counts what the lean loop did since the listener was made.
type Stats struct {
	Answered   uint64 // requests it answered itself
	HandedOver uint64 // connections it gave to net/http
}

// Stats returns the counts so far.
func (l *Listener) Stats() Stats {
	return Stats{Answered: l.answered.Load(), HandedOver: l.handedOver.Load()}
}

// Addr is the address of the listener underneath.
func (l *Listener) Addr() net.Addr { return l.ln.Addr() }

// Close stops accepting, and ends the lean loop's connections: the idle ones at once,
// the others once their request is answered (http.Server.Shutdown calls it; Wait
// waits for them).
func (l *Listener) Close() error {
	var err error
	l.once.Do(func() {
		err = l.ln.Close()
		l.closed.Store(true)
		close(l.done)
		l.mu.Lock()
		for c := range l.conns {
			if !c.busy.Load() {
				_ = c.SetReadDeadline(time.Unix(1, 0)) // wakes its Read, which then ends the loop
			}
		}
		l.mu.Unlock()
	})
	return err
}

// Wait waits until the lean loop's connections have ended, or ctx is done. Call it
// after Close (http.Server.Shutdown or Close calls that): before, connections keep
// coming.
func (l *Listener) Wait(ctx context.Context) error {
	finished := make(chan struct{})
	go func() { l.active.Wait(); close(finished) }()
	select {
	case <-finished:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// acceptLoop serves each new connection in the lean loop, until the listener closes.
func (l *Listener) acceptLoop() {
	var delay time.Duration
	for {
		c, err := l.ln.Accept()
		if err != nil {
			if ne, ok := err.(net.Error); ok && ne.Temporary() { //nolint:staticcheck // EMFILE, ENFILE: as net/http's Serve
				delay = min(max(2*delay, 5*time.Millisecond), time.Second)
				l.logf("http: Accept error: %v; retrying in %v", err, delay)
				select {
				case <-time.After(delay):
					continue
				case <-l.done:
					return
				}
			}
			_ = l.Close()
			return
		}
		delay = 0
		lc := &leanConn{Conn: c}
		if !l.track(lc) {
			_ = c.Close()
			return
		}
		l.state(c, http.StateNew)
		go l.serve(lc)
	}
}

// track adds c to the lean loop's connections; false once the listener is closed.
func (l *Listener) track(c *leanConn) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed.Load() {
		return false
	}
	l.conns[c] = struct{}{}
	l.active.Add(1)
	return true
}

// waitFor marks c waiting for bytes until deadline; false
// when the listener is closed and c must end instead. Close wakes the waiting
// connections it sees idle; one that went idle after Close looked sees closed here,
// since it sets its deadline before it looks.
func (l *Listener) waitFor(c *leanConn, deadline time.Time) bool {
	c.busy.Store(false)
	_ = c.SetReadDeadline(deadline)
	return !l.closed.Load()
}

// untrack removes c from the lean loop's connections.
func (l *Listener) untrack(c *leanConn) {
	l.mu.Lock()
	delete(l.conns, c)
	l.mu.Unlock()
	l.active.Done()
}

// state tells hs's ConnState hook (a connection limiter) what c is doing.
func (l *Listener) state(c net.Conn, s http.ConnState) {
	if l.hs.ConnState != nil {
		l.hs.ConnState(c, s)
	}
}

// logf writes to hs's ErrorLog, or the standard logger, as net/http does.
func (l *Listener) logf(format string, args ...any) {
	if l.hs.ErrorLog != nil {
		l.hs.ErrorLog.Printf(format, args...)
	} else {
		log.Printf(format, args...)
	}
}

// handOff gives c to net/http with the bytes already read; false if the listener
// closed first (c is then closed).
func (l *Listener) handOff(lc *leanConn, pending []byte) bool {
	l.mu.Lock()
	delete(l.conns, lc) // Close must not set a deadline on a connection net/http owns
	l.mu.Unlock()
	c := lc.Conn
	_ = c.SetDeadline(time.Time{})
	hc := &handedConn{Conn: c, pending: bytes.Clone(pending)}
	select {
	case l.handoff <- hc:
		l.handedOver.Add(1)
		return true
	case <-l.done:
		_ = c.Close()
		return false
	}
}

// handedConn is a connection net/http takes over: its Read returns the bytes the
// lean loop read first.
type handedConn struct {
	net.Conn
	pending []byte
}

// Read returns the pending bytes, then reads from the connection.
func (c *handedConn) Read(p []byte) (int, error) {
	if len(c.pending) > 0 {
		n := copy(p, c.pending)
		c.pending = c.pending[n:]
		return n, nil
	}
	return c.Conn.Read(p)
}

// NetConn returns the connection underneath (for a ConnState hook that looks for
// its own type, as it would under a *tls.Conn).
func (c *handedConn) NetConn() net.Conn { return c.Conn }
