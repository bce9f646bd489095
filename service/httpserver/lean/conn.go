package lean

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"time"
)

// serve is the lean loop of one connection: read a request, answer it if parse
// takes it, else hand the connection to net/http; until the peer closes, a timeout,
// or the listener closes.
func (l *Listener) serve(c *leanConn) {
	handed := false
	defer func() {
		l.untrack(c)
		if !handed {
			_ = c.Close()
			l.state(c.Conn, http.StateClosed)
		}
	}()
	idle, head, maxHead := l.limits()
	proto := l.requestProto(c)
	buf := make([]byte, firstBuffer)
	var out []byte
	n := 0
	served := false // a request was answered: an empty buffer is then idle
	// As net/http: ReadHeaderTimeout runs from the connection's start, then from the
	// first byte of each request, for the whole head, not for each read.
	headBy := time.Now().Add(head)
	for {
		p, v := parse(buf[:n], l.line, maxHead)
		switch v {
		case handOff:
			handed = l.handOff(c, buf[:n])
			return
		case take:
			c.busy.Store(true)
			c.boundWrite(l.hs.WriteTimeout)
			// As with net/http, the request's context ends when the handler returns.
			ctx, cancel := context.WithCancel(proto.Context())
			r := proto.WithContext(ctx) // a copy of proto
			r.URL, r.Host, r.Header = &url.URL{Path: l.path}, p.host, p.header
			served = true
			var keep bool
			out, keep = l.answer(c, r, out[:0])
			cancel()
			if !keep {
				return
			}
			if n = copy(buf, buf[p.size:n]); n > 0 { // the next request's first bytes are here
				headBy = time.Now().Add(head)
			}
			continue
		}
		// Not a whole head yet: wait for the next request (idle) or the rest of this
		// one (head), unless the listener closed in the meantime.
		deadline := headBy
		if n == 0 && served {
			deadline = time.Now().Add(idle)
			l.state(c.Conn, http.StateIdle)
		}
		if !l.waitFor(c, deadline) {
			return
		}
		if n == len(buf) {
			buf = append(buf, make([]byte, min(len(buf), maxHead-len(buf)))...)
		}
		m, err := c.Read(buf[n:])
		if m > 0 && n == 0 {
			if served {
				headBy = time.Now().Add(head)
			}
			l.state(c.Conn, http.StateActive)
		}
		n += m
		if err != nil {
			if n > 0 && errors.Is(err, io.EOF) { // a head cut short: net/http answers 400
				handed = l.handOff(c, buf[:n])
			}
			return
		}
	}
}

// requestProto is what every request of c starts as a copy of: the method, the
// protocol, the peer's address, and the context net/http would give it (the server,
// the local address, hs's BaseContext and ConnContext). Unlike net/http's, it does not
// end when the peer closes the connection during a handler: that would take a read
// running beside each handler, the cost the lean loop exists to spare.
func (l *Listener) requestProto(c *leanConn) *http.Request {
	ctx := context.Background()
	if l.hs.BaseContext != nil {
		ctx = l.hs.BaseContext(l)
	}
	ctx = context.WithValue(ctx, http.ServerContextKey, l.hs)
	ctx = context.WithValue(ctx, http.LocalAddrContextKey, c.LocalAddr())
	if l.hs.ConnContext != nil {
		ctx = l.hs.ConnContext(ctx, c.Conn)
	}
	return (&http.Request{
		Method: http.MethodGet, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Body: http.NoBody, RemoteAddr: c.RemoteAddr().String(), RequestURI: l.path,
	}).WithContext(ctx)
}

// limits are the idle and head timeouts and the longest head, from the http.Server.
func (l *Listener) limits() (idle, head time.Duration, maxHead int) {
	idle, head, maxHead = l.hs.IdleTimeout, l.hs.ReadHeaderTimeout, l.hs.MaxHeaderBytes
	if idle <= 0 {
		idle = l.hs.ReadTimeout
	}
	if idle <= 0 {
		idle = defaultIdleTimeout
	}
	if head <= 0 {
		head = l.hs.ReadTimeout
	}
	if head <= 0 {
		head = defaultHeadTimeout
	}
	if maxHead <= 0 {
		maxHead = defaultMaxHead
	}
	return idle, head, max(maxHead, len(l.line)+64)
}

// answer runs the handler on r and writes its answer, built in out, in one write;
// keep is false when the connection must end (the handler panicked or asked to
// close, the write failed).
func (l *Listener) answer(c *leanConn, r *http.Request, out []byte) (_ []byte, keep bool) {
	w := &response{header: make(http.Header, 8)}
	if !l.run(w, r) {
		return out, false
	}
	closing := l.closed.Load() // as net/http in shutdown: this answer is the connection's last
	out = w.appendTo(out, time.Now(), closing)
	_, err := c.Write(out)
	l.answered.Add(1)
	return out, err == nil && !closing && !w.closes()
}

// run calls the handler; false if it panicked, which is logged as net/http logs it
// (but http.ErrAbortHandler, the handler's way to drop the connection).
func (l *Listener) run(w http.ResponseWriter, r *http.Request) (ok bool) {
	defer func() {
		if v := recover(); v != nil {
			if v != http.ErrAbortHandler {
				stack := make([]byte, 64<<10)
				stack = stack[:runtime.Stack(stack, false)]
				l.logf("http: panic serving %v: %v\n%s", r.RemoteAddr, v, stack)
			}
			ok = false
		}
	}()
	l.hs.Handler.ServeHTTP(w, r)
	return true
}

// boundWrite keeps the answer's write within d (WriteTimeout) of the request, as
// net/http does, moving the connection's write deadline only when less than half of
// d is left of it: one timer update every d/2 instead of one per request, for a
// deadline between d/2 and d away. Without d, the write has no deadline.
func (c *leanConn) boundWrite(d time.Duration) {
	if d <= 0 {
		return // never set: the read deadlines are the read side's alone
	}
	now := time.Now()
	if c.writeBy.Sub(now) < d/2 {
		c.writeBy = now.Add(d)
		_ = c.SetWriteDeadline(c.writeBy)
	}
}
