package lean

import (
	"bufio"
	"bytes"
	"net/http"
	"reflect"
	"testing"

	"golang.org/x/net/http/httpguts"
)

// FuzzParseAgreesWithNetHTTP: whatever bytes come, a request parse takes is one that
// net/http reads the same way (method, path, version, Host, header, no body) and that
// its server accepts (one valid Host, valid names and values). What parse is unsure
// of it must hand over, never take: go test -fuzz FuzzParseAgreesWithNetHTTP.
func FuzzParseAgreesWithNetHTTP(f *testing.F) {
	for _, seed := range []string{
		"GET /v1/gateway HTTP/1.1\r\nHost: sesame\r\nx-apikey: a:b\r\nX-Sesame-Service: loop-apikey\r\n\r\n",
		"GET /v1/gateway HTTP/1.1\r\nHost: s\r\nX-A: 1\r\nx-a: 2\r\nX-B:\t v \t\r\n\r\nGET",
		"GET /v1/gateway HTTP/1.1\r\nHost: s\r\nX-A: a\r\n b\r\n\r\n",
		"GET /v1/gateway HTTP/1.1\r\nHost: s\r\nContent-Length: 1\r\n\r\nx",
		"GET /v1/gateway HTTP/1.1\r\nHost: [::1]:80\r\nX-É: é\r\n\r\n",
		"GET /v1/gateway HTTP/1.1\nHost: s\n\n",
		"GET /v1/gateway HTTP/1.1\r\nhost: s\r\nHOST: t\r\n\r\n",
		"GET /v1/gateway HTTP/1.1\r\nHost: s\r\nPragma: no-cache\r\n\r\n",
	} {
		f.Add([]byte(seed))
	}
	line := []byte("GET /v1/gateway HTTP/1.1\r\n")
	f.Fuzz(func(t *testing.T, b []byte) {
		p, v := parse(b, line, 4096)
		if v != take {
			return
		}
		req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(b[:p.size])))
		if err != nil {
			t.Fatalf("parse took %q, net/http cannot read it: %v", b[:p.size], err)
		}
		if req.Method != "GET" || req.URL.Path != "/v1/gateway" || req.URL.RawQuery != "" || req.Proto != "HTTP/1.1" ||
			req.ContentLength != 0 || len(req.TransferEncoding) != 0 || req.Close {
			t.Fatalf("parse took %q, net/http reads %s %s %s length %d TE %v close %v", b[:p.size],
				req.Method, req.URL, req.Proto, req.ContentLength, req.TransferEncoding, req.Close)
		}
		if req.Host != p.host {
			t.Fatalf("Host: parse %q, net/http %q", p.host, req.Host)
		}
		// net/http's server refuses these with 400 after reading them.
		if hosts := req.Header.Values("Host"); len(hosts) > 1 || !httpguts.ValidHostHeader(req.Host) {
			t.Fatalf("parse took a request net/http's server refuses for its Host: %q", b[:p.size])
		}
		delete(req.Header, "Host")
		for k, vs := range req.Header {
			if !httpguts.ValidHeaderFieldName(k) {
				t.Fatalf("parse took an invalid name %q", k)
			}
			for _, v := range vs {
				if !httpguts.ValidHeaderFieldValue(v) {
					t.Fatalf("parse took an invalid value %q", v)
				}
			}
		}
		if !reflect.DeepEqual(map[string][]string(req.Header), map[string][]string(p.header)) {
			t.Fatalf("header of %q: parse %q, net/http %q", b[:p.size], p.header, req.Header)
		}
	})
}
