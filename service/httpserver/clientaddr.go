package httpserver

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"

	"sesame/service/msg"
)

// TrustedProxies are the networks whose connections may name the client they relay
// for, in X-Forwarded-For or Forwarded (RFC 7239). A connection from anywhere else
// is its own client, whatever headers it sends.
type TrustedProxies []netip.Prefix

// ParseTrustedProxies reads CIDRs ("10.0.0.0/8", "2001:db8::/32") or single
// addresses ("192.0.2.7"), separated by commas or spaces.
func ParseTrustedProxies(s string) (TrustedProxies, error) {
	var out TrustedProxies
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		var p netip.Prefix
		var err error
		if strings.Contains(f, "/") {
			p, err = netip.ParsePrefix(f)
		} else {
			var a netip.Addr
			if a, err = netip.ParseAddr(f); err == nil {
				p = netip.PrefixFrom(a, a.BitLen())
			}
		}
		// An IPv4-mapped range shorter than /96 would trust every IPv4 address.
		if err != nil || p.Addr().Is4In6() && p.Bits() < 96 {
			return nil, errors.New(msg.T(msgProxyNetworkValue, msg.Params{"Network": strconv.Quote(f)}))
		}
		if p.Addr().Is4In6() {
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// Contains reports whether a is in one of the networks.
func (t TrustedProxies) Contains(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range t {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

type clientAddrKey struct{}

// ClientAddr is the address of the client a request comes from, without port: the
// one the server's trusted proxies named, else the connection's peer. It is what
// rate limits, last uses and the audit record. Outside a Server's Handler (no
// address resolved) it is the peer's address.
func ClientAddr(r *http.Request) string {
	if a, ok := r.Context().Value(clientAddrKey{}).(resolvedAddr); ok {
		return a.s
	}
	return peerAddr(r).String()
}

// clientAddrs is ClientAddr in both forms, read once: the key's allowed networks
// are checked against the netip.Addr.
func clientAddrs(r *http.Request) (netip.Addr, string) {
	if a, ok := r.Context().Value(clientAddrKey{}).(resolvedAddr); ok {
		return a.a, a.s
	}
	a := peerAddr(r)
	return a, a.String()
}

// resolvedAddr is a request's client address, kept in both forms, and whether
// the connection came from a trusted proxy.
type resolvedAddr struct {
	a       netip.Addr
	s       string
	trusted bool
}

// WithClientAddr resolves each request's client address once, trusting the
// forwarding headers only on connections from trusted, for ClientAddr to return.
func WithClientAddr(trusted TrustedProxies, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, fromProxy := resolveClientAddr(r, trusted)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), clientAddrKey{}, resolvedAddr{a, a.String(), fromProxy})))
	})
}

// relayedUntrusted reports whether r names a client it relays for
// (X-Forwarded-For, Forwarded or X-Real-IP, not empty) over a connection that is no trusted
// proxy: those headers are not believed and the peer is the relay, so the
// client's address is unknown.
func relayedUntrusted(r *http.Request, trusted TrustedProxies) bool {
	h := r.Header
	if !names(h["X-Forwarded-For"]) && !names(h["Forwarded"]) && !names(h["X-Real-Ip"]) {
		return false
	}
	if a, ok := r.Context().Value(clientAddrKey{}).(resolvedAddr); ok {
		return !a.trusted
	}
	return !trusted.Contains(peerAddr(r))
}

// names reports whether a forwarding header's values name anyone.
func names(values []string) bool {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return true
		}
	}
	return false
}

// unixPeer is the address of a connection on a Unix socket (sesame-server serve
// --listen-unix): a process of the same host, like a connection from loopback, so
// that --trusted-proxy 127.0.0.1 covers a gateway on either.
var unixPeer = netip.AddrFrom4([4]byte{127, 0, 0, 1})

// peerAddr is the address of the connection's other end: unixPeer on a Unix socket;
// the zero Addr (printed "invalid IP") when RemoteAddr cannot be read, which no real
// connection has.
func peerAddr(r *http.Request) netip.Addr {
	if la, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok && la.Network() == "unix" {
		return unixPeer
	}
	if ap, err := netip.ParseAddrPort(r.RemoteAddr); err == nil {
		return ap.Addr().Unmap()
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, _ := netip.ParseAddr(host)
	return a.Unmap()
}

// resolveClientAddr walks the relay chain from the server outwards: while the hop
// that handed over the request is a trusted proxy, the client is the address it
// appended last. X-Forwarded-For is read when present (every common proxy writes
// it), Forwarded only otherwise; an entry that cannot be read stops the walk at the
// last trusted hop. fromProxy reports that the connection came from a trusted
// proxy.
func resolveClientAddr(r *http.Request, trusted TrustedProxies) (client netip.Addr, fromProxy bool) {
	client = peerAddr(r)
	if len(trusted) == 0 || !trusted.Contains(client) {
		return client, false
	}
	hops := forwardedFor(r.Header)
	for i := len(hops) - 1; i >= 0 && trusted.Contains(client); i-- {
		a, ok := parseHop(hops[i])
		if !ok {
			break
		}
		client = a
	}
	return client, true
}

// forwardedFor lists the addresses of the relay chain, the client first.
func forwardedFor(h http.Header) []string {
	var hops []string
	if xff := h.Values("X-Forwarded-For"); len(xff) > 0 {
		for _, line := range xff {
			for _, e := range strings.Split(line, ",") {
				hops = append(hops, strings.TrimSpace(e))
			}
		}
		return hops
	}
	for _, line := range h.Values("Forwarded") {
		for _, elem := range strings.Split(line, ",") {
			hop := "" // an element without for= still counts as a hop, unreadable
			for _, pair := range strings.Split(elem, ";") {
				k, v, _ := strings.Cut(strings.TrimSpace(pair), "=")
				if strings.EqualFold(k, "for") {
					hop = strings.Trim(v, `"`)
				}
			}
			hops = append(hops, hop)
		}
	}
	return hops
}

// parseHop reads "192.0.2.1", "192.0.2.1:443", "2001:db8::1", "[2001:db8::1]" or
// "[2001:db8::1]:443"; "unknown" and obfuscated identifiers ("_hidden") are not
// addresses.
func parseHop(s string) (netip.Addr, bool) {
	if a, err := netip.ParseAddr(s); err == nil {
		return a.WithZone("").Unmap(), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().WithZone("").Unmap(), true
	}
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		if a, err := netip.ParseAddr(s[1 : len(s)-1]); err == nil {
			return a.WithZone("").Unmap(), true
		}
	}
	return netip.Addr{}, false
}
