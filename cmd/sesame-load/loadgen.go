package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// histogram counts latencies in 10 µs buckets up to 1 s, without allocating on
// the measured path.
type histogram struct {
	buckets [100_000]uint32
	over    uint64
	n       uint64
}

const bucketWidth = 10 * time.Microsecond

func (h *histogram) add(d time.Duration) {
	h.n++
	i := int(d / bucketWidth)
	if i >= len(h.buckets) {
		h.over++
		return
	}
	h.buckets[i]++
}

func (h *histogram) merge(o *histogram) {
	h.n += o.n
	h.over += o.over
	for i, c := range o.buckets {
		h.buckets[i] += c
	}
}

// quantile returns the upper bound of the bucket holding quantile q.
func (h *histogram) quantile(q float64) time.Duration {
	if h.n == 0 {
		return 0
	}
	target := uint64(q * float64(h.n))
	var seen uint64
	for i, c := range h.buckets {
		seen += uint64(c)
		if seen > target {
			return time.Duration(i+1) * bucketWidth
		}
	}
	return time.Second
}

// result is one scenario's measurement.
type result struct {
	name     string
	requests uint64
	errors   uint64
	elapsed  time.Duration
	p50, p99 time.Duration
	firstErr string
}

func (r result) rate() float64 { return float64(r.requests) / r.elapsed.Seconds() }

func (r result) String() string {
	return fmt.Sprintf("%-22s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  requests %8d  errors %d",
		r.name, r.rate(), ms(r.p50), ms(r.p99), r.requests, r.errors)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// load sends the same raw HTTP/1.1 request over `concurrency` keep-alive connections
// to addr (host:port, or unix:PATH for a Unix socket), for at most `duration` and at most `limit` requests in all, and measures.
// Each worker reuses its buffers; a response counts as an error unless its status is
// wantStatus.
func load(name, addr string, request []byte, wantStatus, concurrency int, duration time.Duration, limit uint64) (result, error) {
	var sent atomic.Uint64
	var stop atomic.Bool
	hists := make([]*histogram, concurrency)
	errs := make([]uint64, concurrency)
	var firstErr atomic.Value
	conns := make([]net.Conn, concurrency)
	for i := range conns {
		network, address := "tcp", addr
		if path, ok := strings.CutPrefix(addr, "unix:"); ok {
			network, address = "unix", path
		}
		c, err := net.Dial(network, address)
		if err != nil {
			return result{}, fmt.Errorf("connect: %w", err)
		}
		conns[i] = c
		hists[i] = &histogram{}
	}
	var wg sync.WaitGroup
	start := time.Now()
	for i := range concurrency {
		wg.Go(func() {
			c := conns[i]
			defer c.Close()
			br := bufio.NewReaderSize(c, 16<<10)
			h := hists[i]
			for !stop.Load() && sent.Add(1) <= limit {
				t0 := time.Now()
				if _, err := c.Write(request); err != nil {
					firstErr.CompareAndSwap(nil, err.Error())
					errs[i]++
					return
				}
				status, err := readResponse(br)
				h.add(time.Since(t0))
				if err != nil {
					firstErr.CompareAndSwap(nil, err.Error())
					errs[i]++
					return
				}
				if status != wantStatus {
					firstErr.CompareAndSwap(nil, "status "+strconv.Itoa(status))
					errs[i]++
				}
			}
		})
	}
	timer := time.AfterFunc(duration, func() { stop.Store(true) })
	wg.Wait()
	timer.Stop()
	elapsed := time.Since(start)
	total := &histogram{}
	var nerr uint64
	for i, h := range hists {
		total.merge(h)
		nerr += errs[i]
	}
	r := result{name: name, requests: total.n, errors: nerr, elapsed: elapsed, p50: total.quantile(0.50), p99: total.quantile(0.99)}
	if v := firstErr.Load(); v != nil {
		r.firstErr = v.(string)
	}
	return r, nil
}

var errBadResponse = errors.New("malformed HTTP response")

// readResponse reads one HTTP/1.1 response with a Content-Length body (or none, for
// 204, 304 and 1xx), discarding the body, and returns its status.
func readResponse(br *bufio.Reader) (int, error) {
	line, err := br.ReadSlice('\n')
	if err != nil {
		return 0, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.1 ")) {
		return 0, errBadResponse
	}
	status := 0
	for _, c := range line[9:12] {
		if c < '0' || c > '9' {
			return 0, errBadResponse
		}
		status = status*10 + int(c-'0')
	}
	length := -1
	for {
		line, err = br.ReadSlice('\n')
		if err != nil {
			return 0, err
		}
		if len(line) <= 2 {
			break
		}
		const cl = "content-length:"
		if len(line) > len(cl) && bytes.EqualFold(line[:len(cl)], []byte(cl)) {
			if length, err = strconv.Atoi(string(bytes.TrimSpace(line[len(cl):]))); err != nil {
				return 0, errBadResponse
			}
		}
	}
	if length < 0 && (status == 204 || status == 304 || status < 200) {
		length = 0 // no body by definition (RFC 9110 §6.4.1)
	}
	if length < 0 {
		return 0, errBadResponse
	}
	if _, err := br.Discard(length); err != nil {
		return 0, err
	}
	return status, nil
}
