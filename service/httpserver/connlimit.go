package httpserver

import (
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
)

// DefaultMaxConnections is how many connections a server keeps open at once unless
// told otherwise: far more than a firm's desktops and gateways need, far fewer than
// a process's file descriptors.
const DefaultMaxConnections = 1000

// ConnLimiter caps the connections a listener keeps open. At the cap, a new
// connection takes the place of an idle keep-alive one (its client simply
// reconnects), or is closed at once if every connection is busy, so that nobody can
// exhaust the server's descriptors by opening connections and leaving them idle.
// Install both halves: Listener around the listener and ConnState on the
// http.Server.
type ConnLimiter struct {
	max  int
	log  *slog.Logger
	mu   sync.Mutex
	open map[net.Conn]bool // the open connections, true while idle

	refused atomic.Int64
}

// NewConnLimiter returns a limiter of max connections (DefaultMaxConnections if
// max <= 0).
func NewConnLimiter(max int, log *slog.Logger) *ConnLimiter {
	if max <= 0 {
		max = DefaultMaxConnections
	}
	return &ConnLimiter{max: max, log: log, open: map[net.Conn]bool{}}
}

// Listener wraps ln so that it never hands over more than the limiter's connections.
func (l *ConnLimiter) Listener(ln net.Listener) net.Listener {
	return &limitedListener{Listener: ln, l: l}
}

// ConnState is the http.Server hook that tells the limiter which connections idle.
func (l *ConnLimiter) ConnState(c net.Conn, st http.ConnState) {
	// Under TLS, the connection the limiter admitted is the one underneath.
	for {
		u, ok := c.(interface{ NetConn() net.Conn })
		if !ok || u.NetConn() == c {
			break
		}
		c = u.NetConn()
	}
	lc, ok := c.(*limitedConn)
	if !ok {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, open := l.open[lc]; open {
		l.open[lc] = st == http.StateIdle
	}
}

// Open and Idle count the connections open now, and those of them idle.
func (l *ConnLimiter) Open() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.open)
}

// Idle: see Open.
func (l *ConnLimiter) Idle() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, idle := range l.open {
		if idle {
			n++
		}
	}
	return n
}

// admit makes room for c if it can; false if c must be closed.
func (l *ConnLimiter) admit(c *limitedConn) bool {
	l.mu.Lock()
	var victim net.Conn
	if len(l.open) >= l.max {
		for oc, idle := range l.open {
			if idle {
				victim = oc
				delete(l.open, oc)
				break
			}
		}
		if victim == nil {
			l.mu.Unlock()
			return false
		}
	}
	l.open[c] = false
	l.mu.Unlock()
	if victim != nil {
		_ = victim.Close()
	}
	return true
}

func (l *ConnLimiter) release(c *limitedConn) {
	l.mu.Lock()
	delete(l.open, c)
	l.mu.Unlock()
}

type limitedListener struct {
	net.Listener
	l *ConnLimiter
}

// Accept returns the next connection the limiter admits, closing the others.
func (ll *limitedListener) Accept() (net.Conn, error) {
	for {
		c, err := ll.Listener.Accept()
		if err != nil {
			return nil, err
		}
		lc := &limitedConn{Conn: c, l: ll.l}
		if ll.l.admit(lc) {
			return lc, nil
		}
		if n := ll.l.refused.Add(1); n == 1 || n%1000 == 0 { // a flood must not fill the log too
			ll.l.log.Warn("connection refused: too many open connections", "addr", c.RemoteAddr().String(), "max", ll.l.max, "refused_total", n)
		}
		_ = c.Close()
	}
}

type limitedConn struct {
	net.Conn
	l    *ConnLimiter
	once sync.Once
}

func (c *limitedConn) Close() error {
	c.once.Do(func() { c.l.release(c) })
	return c.Conn.Close()
}
