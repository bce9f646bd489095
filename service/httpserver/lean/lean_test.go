package lean_test

import (
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"sesame/service/httpserver/lean"
)

// handler answers as the request's X-Case asks, so that the same requests can be
// sent to net/http and to the lean loop and their answers compared byte for byte.
func handler(w http.ResponseWriter, r *http.Request) {
	switch r.Header.Get("X-Case") {
	case "refuse": // a problem document, as Sésame's refusals
		w.Header().Set("Content-Type", "application/problem+json")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = io.WriteString(w, `{"title":"Clé d'API inconnue","status":401}`)
	case "sniff": // no type set: both sniff one from the body
		_, _ = io.WriteString(w, "<html><body>bonjour</body></html>")
	case "nothing": // neither status nor body: 200, empty
	case "close": // the handler ends the connection after its answer
		w.Header().Set("Connection", "close")
		w.WriteHeader(http.StatusNoContent)
	case "lines": // a value with line breaks must not split the header
		w.Header().Set("X-Name", "a\r\nInjected: yes")
		w.WriteHeader(http.StatusNoContent)
	case "panic":
		panic("boom")
	case "echo": // what the handler saw of the request
		var b strings.Builder
		la, _ := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
		fmt.Fprintf(&b, "%s %s %s host=%q remote=%q local=%s server=%v len=%d\n", r.Method, r.URL, r.Proto, r.Host,
			r.RemoteAddr, la.Network(), r.Context().Value(http.ServerContextKey) != nil, r.ContentLength)
		for _, k := range slices.Sorted(func(yield func(string) bool) {
			for k := range r.Header {
				if !yield(k) {
					return
				}
			}
		}) {
			fmt.Fprintf(&b, "%s=%q\n", k, r.Header[k])
		}
		body, _ := io.ReadAll(r.Body)
		fmt.Fprintf(&b, "body=%q\n", body)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, b.String())
	default:
		identity(w, r)
	}
}

// pair is the same handler served by net/http alone and through the lean loop, each
// on a Unix socket of its own.
type pair struct {
	plain, lean string // socket paths
	leanLn      *lean.Listener
	leanHS      *http.Server
}

func newPair(t *testing.T, h http.Handler) *pair { return newPairWith(t, h, nil) }

// newPairWith is newPair with the servers' settings changed by set.
func newPairWith(t *testing.T, h http.Handler, set func(*http.Server)) *pair {
	t.Helper()
	dir := t.TempDir()
	p := &pair{plain: filepath.Join(dir, "plain.sock"), lean: filepath.Join(dir, "lean.sock")}
	quiet := func() *http.Server {
		hs := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, IdleTimeout: time.Minute,
			MaxHeaderBytes: 16 << 10, ErrorLog: discardLog()}
		if set != nil {
			set(hs)
		}
		return hs
	}
	plainLn, err := net.Listen("unix", p.plain)
	if err != nil {
		t.Fatal(err)
	}
	leanRaw, err := net.Listen("unix", p.lean)
	if err != nil {
		t.Fatal(err)
	}
	plainHS := quiet()
	p.leanHS = quiet()
	p.leanLn = lean.NewListener(p.leanHS, leanRaw, "/v1/gateway")
	go plainHS.Serve(plainLn)
	go p.leanHS.Serve(p.leanLn)
	t.Cleanup(func() { plainHS.Close(); p.leanHS.Close() })
	return p
}

// exchange sends raw on a new connection, half-closes it, and returns all the
// server wrote until it closed, the Date values made alike.
func exchange(t *testing.T, path, raw string) string {
	t.Helper()
	c, err := net.Dial("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, raw); err != nil {
		t.Fatal(err)
	}
	_ = c.(*net.UnixConn).CloseWrite()
	got, err := io.ReadAll(c)
	if err != nil && !strings.Contains(err.Error(), "reset") {
		t.Fatalf("reading the answer: %v", err)
	}
	return dateLine.ReplaceAllString(string(got), "Date: (date)\r\n")
}

var dateLine = regexp.MustCompile(`Date: [^\r\n]*\r\n`)

// sub is a sub-request as nginx sends it with the documented configuration, with
// extra header lines.
func sub(extra string) string {
	return "GET /v1/gateway HTTP/1.1\r\nX-Sesame-Service: loop-apikey\r\nX-Original-URI: /loop/clients/42\r\nHost: sesame\r\n" +
		"x-apikey: AbCdEfGhIjKlMnOp:secret\r\n" + extra + "\r\n"
}

// TestLeanAnswersAsNetHTTP sends the same bytes to net/http and to the lean loop and
// expects the same bytes back: the sub-requests it takes, those it hands to net/http
// (other methods, paths, versions, bodies, connection headers), the malformed ones
// net/http refuses (which the lean loop must not take), and several requests on one
// connection, where the lean loop hands over in the middle.
func TestLeanAnswersAsNetHTTP(t *testing.T) {
	p := newPair(t, http.HandlerFunc(handler))
	cases := map[string]string{
		"identity":              sub(""),
		"refusal with a body":   sub("X-Case: refuse\r\n"),
		"sniffed type":          sub("X-Case: sniff\r\n"),
		"empty 200":             sub("X-Case: nothing\r\n"),
		"handler closes":        sub("X-Case: close\r\n") + sub(""),
		"line breaks in value":  sub("X-Case: lines\r\n"),
		"echo":                  sub("X-Case: echo\r\nACCEPT:  text/plain \t\r\nx-forwarded-for: 10.0.0.1\r\nX-Forwarded-For: 10.0.0.2\r\nX-Odd-Name_1: é, ü\r\n"),
		"two keys":              sub("X-Case: echo\r\nx-apikey: other:secret\r\n"),
		"empty value":           sub("X-Case: echo\r\nX-Empty:\r\n"),
		"Pragma: no-cache":      sub("X-Case: echo\r\nPragma: no-cache\r\n"),
		"query":                 "GET /v1/gateway?service=loop-apikey HTTP/1.1\r\nHost: s\r\nX-Case: echo\r\n\r\n",
		"other path":            "GET /v1/gatewayx HTTP/1.1\r\nHost: s\r\nX-Case: echo\r\n\r\n",
		"POST with a body":      "POST /v1/gateway HTTP/1.1\r\nHost: s\r\nX-Case: echo\r\nContent-Length: 5\r\n\r\nhello",
		"GET with a body":       "GET /v1/gateway HTTP/1.1\r\nHost: s\r\nX-Case: echo\r\nContent-Length: 5\r\n\r\nhello",
		"chunked":               "GET /v1/gateway HTTP/1.1\r\nHost: s\r\nX-Case: echo\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
		"HTTP/1.0":              "GET /v1/gateway HTTP/1.0\r\nHost: s\r\nX-Case: echo\r\n\r\n",
		"Connection: close":     sub("X-Case: echo\r\nConnection: close\r\n") + sub(""),
		"Expect":                sub("Expect: 100-continue\r\n"),
		"no Host":               "GET /v1/gateway HTTP/1.1\r\nX-Case: echo\r\n\r\n",
		"two Hosts":             sub("Host: other\r\n"),
		"bad Host":              "GET /v1/gateway HTTP/1.1\r\nHost: a b\r\n\r\n",
		"folded line":           sub("X-Case: echo\r\nX-Long: a\r\n b\r\n"),
		"bare LF":               "GET /v1/gateway HTTP/1.1\nHost: s\nX-Case: echo\n\n",
		"LF inside a line":      sub("X-Case: echo\r\nX-A: a\nX-B: b\r\n"),
		"NUL in a value":        sub("X-Case: echo\r\nX-A: a\x00b\r\n"),
		"DEL in a value":        sub("X-Case: echo\r\nX-A: a\x7fb\r\n"),
		"space before colon":    sub("X-Case: echo\r\nX-A : a\r\n"),
		"no colon":              sub("X-Case: echo\r\nX-A\r\n"),
		"empty name":            sub("X-Case: echo\r\n: a\r\n"),
		"head too long":         sub("X-Big: " + strings.Repeat("a", 20<<10) + "\r\n"),
		"leading blank line":    "\r\n" + sub("X-Case: echo\r\n"),
		"lowercase method":      "get /v1/gateway HTTP/1.1\r\nHost: s\r\n\r\n",
		"garbage":               "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
		"cut short":             "GET /v1/gateway HTTP/1.1\r\nHost: s\r\n",
		"handler panics":        sub("X-Case: panic\r\n") + sub(""),
		"pipelined and handed":  sub("") + sub("X-Case: echo\r\n") + "POST /x HTTP/1.1\r\nHost: s\r\nX-Case: echo\r\nContent-Length: 2\r\n\r\nok" + sub("X-Case: echo\r\n"),
		"several in one packet": sub("") + sub("X-Case: refuse\r\n") + sub("X-Case: sniff\r\n"),
	}
	for name, raw := range cases {
		t.Run(name, func(t *testing.T) {
			want, got := exchange(t, p.plain, raw), exchange(t, p.lean, raw)
			if got != want {
				t.Errorf("net/http answered\n%q\nthe lean loop answered\n%q", want, got)
			}
		})
	}
	// The comparison means something only if the lean loop answered the sub-requests
	// itself and handed over the others.
	before := p.leanLn.Stats()
	exchange(t, p.lean, sub("")+sub("X-Case: echo\r\n"))
	if after := p.leanLn.Stats(); after.Answered != before.Answered+2 || after.HandedOver != before.HandedOver {
		t.Errorf("two sub-requests: the lean loop's counts went from %+v to %+v, want 2 more answered, none handed over", before, after)
	}
	exchange(t, p.lean, sub("")+"POST /x HTTP/1.1\r\nHost: s\r\nContent-Length: 0\r\n\r\n")
	if after := p.leanLn.Stats(); after.HandedOver == before.HandedOver {
		t.Errorf("a POST after a sub-request was not handed to net/http: %+v", after)
	}
}

// discardLog keeps the servers' logs (a panic's stack) out of the test's output.
func discardLog() *log.Logger { return log.New(io.Discard, "", 0) }
