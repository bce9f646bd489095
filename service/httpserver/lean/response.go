package lean

import (
	"net/http"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/net/http/httpguts"
)

// response is the http.ResponseWriter of a request the lean loop takes: it keeps the
// status, header and body until the handler returns, then writes them in one go, in
// the order and form net/http writes them (the status line; the handler's header
// lines sorted, those a status without a body may not carry left out; then Date,
// Content-Length and a sniffed Content-Type). Unlike net/http it always sends the
// body with its length, never chunked: what a gateway's handler answers is short.
type response struct {
	header http.Header
	status int
	body   []byte
}

// Header returns the header the answer will carry.
func (w *response) Header() http.Header { return w.header }

// WriteHeader sets the status; only the first call counts, as with net/http. An
// informational status (1xx), which net/http sends ahead of the answer, is dropped.
func (w *response) WriteHeader(code int) {
	if w.status == 0 && code >= 200 {
		w.status = code
	}
}

// Write adds to the body, after a 200 if no status was set; a 204 or 304 has none.
func (w *response) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	if !bodyAllowed(w.status) {
		return 0, http.ErrBodyNotAllowed
	}
	w.body = append(w.body, p...)
	return len(p), nil
}

// bodyAllowed reports whether a status may carry a body (RFC 9110 §6.4.1).
func bodyAllowed(status int) bool {
	return status >= 200 && status != http.StatusNoContent && status != http.StatusNotModified
}

// closes reports whether the handler asked for the connection to end after this
// answer (Connection: close), as net/http honours it.
func (w *response) closes() bool {
	return strings.EqualFold(textproto.TrimString(w.header.Get("Connection")), "close")
}

// appendTo appends the whole answer to out.
func (w *response) appendTo(out []byte, now time.Time, closing bool) []byte {
	w.WriteHeader(http.StatusOK) // a handler that wrote nothing answered 200
	// The whole body is here: never frame it with a length it does not have (net/http
	// refuses the excess, closes after a shortfall, drops an invalid value).
	if cl, set := w.header["Content-Length"]; set &&
		(len(cl) != 1 || textproto.TrimString(cl[0]) != strconv.Itoa(len(w.body))) {
		delete(w.header, "Content-Length")
	}
	out = append(out, "HTTP/1.1 "...)
	if text := http.StatusText(w.status); text != "" {
		out = strconv.AppendInt(out, int64(w.status), 10)
		out = append(out, ' ')
		out = append(out, text...)
	} else {
		out = append(out, strconv.Itoa(w.status)+" status code "+strconv.Itoa(w.status)...)
	}
	out = append(out, "\r\n"...)

	var stack [16]string
	keys := stack[:0]
	for k := range w.header {
		if k == "Connection" && closing && !w.closes() {
			continue // replaced by Connection: close below, as net/http does in shutdown
		}
		if k != "Transfer-Encoding" && (bodyAllowed(w.status) ||
			k != "Content-Length" && (w.status != http.StatusNotModified || k != "Content-Type")) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !httpguts.ValidHeaderFieldName(k) {
			continue // as net/http: dropped, there is nobody to tell
		}
		for _, v := range w.header[k] {
			out = append(out, k...)
			out = append(out, ": "...)
			out = appendValue(out, v)
			out = append(out, "\r\n"...)
		}
	}
	if _, set := w.header["Date"]; !set {
		out = append(out, "Date: "...)
		out = append(out, httpDate(now)...)
		out = append(out, "\r\n"...)
	}
	if bodyAllowed(w.status) {
		if _, set := w.header["Content-Length"]; !set {
			out = append(out, "Content-Length: "...)
			out = strconv.AppendInt(out, int64(len(w.body)), 10)
			out = append(out, "\r\n"...)
		}
		_, typed := w.header["Content-Type"]
		if !typed && len(w.body) > 0 && w.header.Get("Content-Encoding") == "" {
			out = append(out, "Content-Type: "...)
			out = append(out, http.DetectContentType(w.body)...)
			out = append(out, "\r\n"...)
		}
	}
	if closing && !w.closes() {
		out = append(out, "Connection: close\r\n"...)
	}
	out = append(out, "\r\n"...)
	return append(out, w.body...)
}

// appendValue appends a header value as net/http writes it: CR and LF made blanks,
// blanks around it trimmed.
func appendValue(out []byte, v string) []byte {
	if strings.ContainsAny(v, "\r\n") {
		v = strings.NewReplacer("\r", " ", "\n", " ").Replace(v)
	}
	return append(out, textproto.TrimString(v)...)
}

// date is the Date header's value for one second.
type date struct {
	unix  int64
	value string
}

var lastDate atomic.Pointer[date]

// httpDate is now in the Date header's format, formatted once a second.
func httpDate(now time.Time) string {
	sec := now.Unix()
	if d := lastDate.Load(); d != nil && d.unix == sec {
		return d.value
	}
	d := &date{unix: sec, value: now.UTC().Format(http.TimeFormat)}
	lastDate.Store(d)
	return d.value
}
