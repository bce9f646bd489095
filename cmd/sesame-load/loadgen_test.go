package main

import (
	"bufio"
	"context"
	"strings"
	"testing"
	"time"
)

func TestReadResponse(t *testing.T) {
	br := bufio.NewReader(strings.NewReader("HTTP/1.1 401 Unauthorized\r\ncontent-length: 5\r\nX: y\r\n\r\nhelloHTTP/1.1 204 No Content\r\nX-Sesame-Key: K\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
	if st, err := readResponse(br); st != 401 || err != nil {
		t.Fatalf("first: %d %v", st, err)
	}
	if st, err := readResponse(br); st != 204 || err != nil {
		t.Fatalf("second (no body): %d %v", st, err)
	}
	if st, err := readResponse(br); st != 200 || err != nil {
		t.Fatalf("third: %d %v", st, err)
	}
	for _, bad := range []string{"HTTP/1.0 200 OK\r\n\r\n", "HTTP/1.1 2x0 OK\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"} {
		if _, err := readResponse(bufio.NewReader(strings.NewReader(bad))); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestHistogramQuantiles(t *testing.T) {
	var h histogram
	for i := 1; i <= 100; i++ {
		h.add(time.Duration(i) * time.Millisecond)
	}
	if p50, p99 := h.quantile(0.5), h.quantile(0.99); p50 < 50*time.Millisecond || p50 > 52*time.Millisecond || p99 < 99*time.Millisecond || p99 > 101*time.Millisecond {
		t.Fatalf("p50 %v p99 %v", p50, p99)
	}
}

// A short run against the real server on SQLite: every scenario answers as it should (204 for the gateway) and the
// request cap holds.
func TestShortRun(t *testing.T) {
	tgt, err := setUp(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer tgt.close()
	for name, c := range map[string]struct {
		addr   string
		req    []byte
		status int
	}{"bare": {tgt.bareAddr, tgt.bareRequest, 200}, "verify": {tgt.addr, tgt.verifyRequest, 200},
		"gateway": {tgt.addr, tgt.gatewayRequest, 204}, "token": {tgt.addr, tgt.tokenRequest, 200}} {
		r, err := load(name, c.addr, c.req, c.status, 4, 5*time.Second, 200)
		if err != nil || r.errors != 0 || r.requests != 200 || r.p99 == 0 {
			t.Fatalf("%s: %+v %v", name, r, err)
		}
	}
}
