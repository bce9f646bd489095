package servertest

import (
	"bytes"
	"io"
	"net/http"
)

// RecordBodies makes the server keep every request it receives from now on: its
// method and URL on a line, then its body and a line break, so that a test can check what clients sent (that no
// secret travels, say).
func (e *Env) RecordBodies() *Logs {
	l := &Logs{}
	e.bodies.Store(l)
	return l
}

// recording wraps h: while RecordBodies is on, each request's body is read, recorded
// and handed on unchanged.
func (e *Env) recording(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if l := e.bodies.Load(); l != nil && r.Body != nil {
			b, err := io.ReadAll(r.Body)
			if err != nil {
				http.Error(w, "body", http.StatusBadRequest)
				return
			}
			_, _ = l.Write([]byte(r.Method + " " + r.URL.String() + "\n" + string(b) + "\n"))
			r.Body = io.NopCloser(bytes.NewReader(b))
		}
		h.ServeHTTP(w, r)
	})
}
