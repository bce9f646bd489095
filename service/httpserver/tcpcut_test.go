package httpserver_test

import (
	"io"
	"net"
	"sync"
	"testing"
)

// tcpCut forwards loopback connections to a target (PostgreSQL) and can cut them all
// and refuse new ones, as a network failure or a stopped database would, then let
// them through again on the same address.
type tcpCut struct {
	t      *testing.T
	target string
	addr   string
	mu     sync.Mutex
	ln     net.Listener
	conns  map[net.Conn]struct{}
	wg     sync.WaitGroup
}

func newTCPCut(t *testing.T, target string) *tcpCut {
	t.Helper()
	c := &tcpCut{t: t, target: target, conns: map[net.Conn]struct{}{}}
	c.listen("127.0.0.1:0")
	t.Cleanup(func() { c.cut(); c.wg.Wait() })
	return c
}

func (c *tcpCut) listen(addr string) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		c.t.Fatalf("proxy listen: %v", err)
	}
	c.mu.Lock()
	c.ln, c.addr = ln, ln.Addr().String()
	c.mu.Unlock()
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", c.target)
			if err != nil {
				in.Close()
				continue
			}
			if !c.track(in, out) {
				continue
			}
			c.wg.Add(2)
			go c.pipe(in, out)
			go c.pipe(out, in)
		}
	}()
}

// track remembers a pair of connections, or closes them if the cut came first.
func (c *tcpCut) track(a, b net.Conn) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ln == nil {
		a.Close()
		b.Close()
		return false
	}
	c.conns[a], c.conns[b] = struct{}{}, struct{}{}
	return true
}

func (c *tcpCut) pipe(dst, src net.Conn) {
	defer c.wg.Done()
	_, _ = io.Copy(dst, src)
	dst.Close()
	src.Close()
}

// cut closes every forwarded connection and stops accepting.
func (c *tcpCut) cut() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ln != nil {
		c.ln.Close()
		c.ln = nil
	}
	for conn := range c.conns {
		conn.Close()
		delete(c.conns, conn)
	}
}

// restore accepts connections again on the same address.
func (c *tcpCut) restore() { c.listen(c.addr) }
