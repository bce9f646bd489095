package lean

import (
	"bytes"
	"net/http"
	"net/textproto"

	"golang.org/x/net/http/httpguts"
)

// verdict is what the lean loop does with the bytes read so far.
type verdict int

const (
	needMore verdict = iota // no complete head yet, and nothing says it is not one to take
	take                    // a complete request the lean loop answers
	handOff                 // a request for net/http: another method, path or version, a body, anything unusual
)

// parsed is a request the lean loop takes.
type parsed struct {
	size   int // bytes of b it took, head and final blank line
	host   string
	header http.Header
}

// parse reads the request at the start of b, whose request line must be exactly
// line ("GET /path HTTP/1.1\r\n"). It takes only what net/http would read the same
// way and answer with the handler: header lines of a valid name, a colon and a valid
// value; exactly one Host, valid; no body (no Content-Length, no Transfer-Encoding);
// none of the headers that change the connection (Connection, Upgrade, Expect, TE,
// Trailer, Keep-Alive). Everything else, including a head longer than maxHead, goes
// to net/http, which answers it as it always has (400, 431, or the handler).
//
// The names and values are substrings of one copy of the head, and the values'
// slices share one array: three allocations for the whole header, whatever its size.
func parse(b, line []byte, maxHead int) (parsed, verdict) {
	if n := min(len(b), len(line)); !bytes.Equal(b[:n], line[:n]) {
		return parsed{}, handOff
	}
	end := bytes.Index(b, crlfcrlf)
	if end < 0 {
		if len(b) >= maxHead {
			return parsed{}, handOff
		}
		return parsed{}, needMore
	}
	if end+len(crlfcrlf) > maxHead {
		return parsed{}, handOff
	}
	// The header lines, each ending in CRLF (the last one's is the first half of the
	// blank line's).
	head := string(b[len(line) : end+2])
	lines := bytes.Count(b[len(line):end+2], crlf)
	values := make([]string, 0, lines)
	p := parsed{size: end + len(crlfcrlf), header: make(http.Header, lines)}
	hosts := 0
	for rest := head; len(rest) > 0; {
		i := indexCRLF(rest)
		l := rest[:i]
		rest = rest[i+2:]
		colon := indexColon(l)
		if colon <= 0 || !validName(l[:colon]) {
			return parsed{}, handOff // also a folded line (leading blank) or a bare LF or CR
		}
		v := trimOWS(l[colon+1:])
		if !validValue(v) {
			return parsed{}, handOff
		}
		name := canonicalName(l[:colon])
		switch name {
		case "Host":
			hosts++
			p.host = v
			continue // net/http keeps it in Request.Host, not in the header
		case "Content-Length", "Transfer-Encoding", "Connection", "Upgrade", "Expect", "Te", "Trailer", "Keep-Alive", "Proxy-Connection":
			return parsed{}, handOff
		}
		if prev, ok := p.header[name]; ok {
			p.header[name] = append(prev, v) // several lines of one name: rare, its own array
			continue
		}
		values = append(values, v)
		p.header[name] = values[len(values)-1 : len(values) : len(values)]
	}
	if hosts != 1 || !httpguts.ValidHostHeader(p.host) {
		return parsed{}, handOff
	}
	// As net/http's ReadRequest (fixPragmaCacheControl): "Pragma: no-cache" without a
	// Cache-Control implies one.
	if hp := p.header["Pragma"]; len(hp) > 0 && hp[0] == "no-cache" {
		if _, cc := p.header["Cache-Control"]; !cc {
			p.header["Cache-Control"] = []string{"no-cache"}
		}
	}
	return p, take
}

var (
	crlf     = []byte("\r\n")
	crlfcrlf = []byte("\r\n\r\n")
)

// wellKnown are the names gateways send on every sub-request, in their canonical
// form: found without an allocation whatever their case on the wire.
var wellKnown = []string{
	"Host", "X-Apikey", "X-Sesame-Service", "X-Original-Uri", "X-Forwarded-For", "X-Forwarded-Uri",
	"X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Method", "X-Real-Ip", "User-Agent", "Accept",
	"Content-Length", "Transfer-Encoding", "Connection",
}

// canonicalName is textproto's canonical form of a valid header name.
func canonicalName(name string) string {
	for _, k := range wellKnown {
		if len(k) == len(name) && equalFoldASCII(k, name) {
			return k
		}
	}
	return textproto.CanonicalMIMEHeaderKey(name) // no allocation if already canonical
}

// equalFoldASCII compares two strings of the same length, the case of ASCII letters
// ignored.
func equalFoldASCII(a, b string) bool {
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if lx := x | 0x20; lx < 'a' || lx > 'z' || lx != y|0x20 {
			return false
		}
	}
	return true
}

// indexCRLF is the index of the first CRLF in s (s holds one).
func indexCRLF(s string) int {
	for i := 0; ; i++ {
		if s[i] == '\r' && s[i+1] == '\n' {
			return i
		}
	}
}

// indexColon is the index of the first colon in s, or -1.
func indexColon(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			return i
		}
	}
	return -1
}

// validName reports whether s is a header name: one or more token characters (RFC
// 9110 §5.1).
func validName(s string) bool {
	if len(s) == 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !httpguts.IsTokenRune(rune(s[i])) {
			return false
		}
	}
	return true
}

// validValue reports whether s is a header value net/http accepts as it is: visible
// characters, blanks and bytes of UTF-8 sequences, no control character but HTAB.
func validValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

// trimOWS drops the optional blanks (SP, HTAB) around a header value.
func trimOWS(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}
