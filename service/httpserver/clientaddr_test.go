package httpserver_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"sesame/service/httpserver"
)

func TestClientAddr(t *testing.T) {
	trusted, err := httpserver.ParseTrustedProxies("10.0.0.0/8, 192.0.2.7 2001:db8::/32")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		peer    string
		trusted httpserver.TrustedProxies
		header  http.Header
		want    string
	}{
		{"no proxy configured: headers ignored", "198.51.100.1:5000", nil,
			http.Header{"X-Forwarded-For": {"203.0.113.9"}}, "198.51.100.1"},
		{"untrusted peer: headers ignored", "198.51.100.1:5000", trusted,
			http.Header{"X-Forwarded-For": {"203.0.113.9"}, "Forwarded": {"for=203.0.113.8"}}, "198.51.100.1"},
		{"trusted peer, no header", "10.1.2.3:5000", trusted, nil, "10.1.2.3"},
		{"trusted peer names the client", "10.1.2.3:5000", trusted,
			http.Header{"X-Forwarded-For": {"203.0.113.9"}}, "203.0.113.9"},
		{"what the client wrote itself is not believed", "10.1.2.3:5000", trusted,
			http.Header{"X-Forwarded-For": {"1.1.1.1, 203.0.113.9"}}, "203.0.113.9"},
		{"chain of trusted proxies", "192.0.2.7:443", trusted,
			http.Header{"X-Forwarded-For": {"1.1.1.1, 203.0.113.9", "10.9.9.9"}}, "203.0.113.9"},
		{"entry with a port", "10.1.2.3:5000", trusted,
			http.Header{"X-Forwarded-For": {"203.0.113.9:4711"}}, "203.0.113.9"},
		{"unreadable entry: the last trusted hop", "10.1.2.3:5000", trusted,
			http.Header{"X-Forwarded-For": {"203.0.113.9, not-an-address"}}, "10.1.2.3"},
		{"Forwarded, quoted IPv6 with port", "[2001:db8::5]:443", trusted,
			http.Header{"Forwarded": {`for=192.0.2.60;proto=https, For="[2001:db8:cafe::17]:4711"`}}, "192.0.2.60"},
		{"Forwarded, IPv6 client", "10.0.0.1:443", trusted,
			http.Header{"Forwarded": {`for="[2001:db9::17]:4711";proto=https`}}, "2001:db9::17"},
		{"Forwarded unknown: the proxy", "10.0.0.1:443", trusted,
			http.Header{"Forwarded": {"for=unknown"}}, "10.0.0.1"},
		{"X-Forwarded-For wins over Forwarded", "10.0.0.1:443", trusted,
			http.Header{"X-Forwarded-For": {"203.0.113.9"}, "Forwarded": {"for=203.0.113.8"}}, "203.0.113.9"},
		{"IPv4-mapped peer", "[::ffff:10.0.0.1]:443", trusted,
			http.Header{"X-Forwarded-For": {"::ffff:203.0.113.9"}}, "203.0.113.9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got string
			h := httpserver.WithClientAddr(tc.trusted, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				got = httpserver.ClientAddr(r)
			}))
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tc.peer
			for k, vs := range tc.header {
				r.Header[k] = vs
			}
			h.ServeHTTP(httptest.NewRecorder(), r)
			if got != tc.want {
				t.Errorf("ClientAddr = %q, want %q", got, tc.want)
			}
		})
	}
	// Without the middleware, the peer.
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "10.1.2.3:5000"
	r.Header.Set("X-Forwarded-For", "203.0.113.9")
	if got := httpserver.ClientAddr(r); got != "10.1.2.3" {
		t.Errorf("ClientAddr outside the handler = %q", got)
	}
}

func TestParseTrustedProxies(t *testing.T) {
	for _, bad := range []string{"10.0.0.0/33", "proxy.example", "10.0.0.1/8/8", "::ffff:10.0.0.0/8"} {
		if _, err := httpserver.ParseTrustedProxies(bad); err == nil {
			t.Errorf("ParseTrustedProxies(%q) accepted", bad)
		}
	}
	l, err := httpserver.ParseTrustedProxies("10.1.2.3/8,::1")
	if err != nil || len(l) != 2 || l[0].String() != "10.0.0.0/8" || l[1].String() != "::1/128" {
		t.Errorf("ParseTrustedProxies = %v, %v", l, err)
	}
}
