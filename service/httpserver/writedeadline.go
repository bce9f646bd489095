package httpserver

import (
	"net/http"
	"time"
)

// downloadStall is how long a download may go without the client taking the next
// downloadStep bytes: a large file outlasts the server's WriteTimeout on a slow
// line, but a client that stops reading still lets go of the connection.
const (
	downloadStall = 30 * time.Second
	downloadStep  = 64 << 10
)

// renewingWriter writes to a response in steps of at most downloadStep bytes, and
// before each one moves the connection's write deadline downloadStall ahead.
type renewingWriter struct {
	w  http.ResponseWriter
	rc *http.ResponseController
}

// newRenewingWriter wraps w for a long download.
func newRenewingWriter(w http.ResponseWriter) *renewingWriter {
	return &renewingWriter{w: w, rc: http.NewResponseController(w)}
}

func (d *renewingWriter) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		step := p[:min(len(p), downloadStep)]
		if err := d.rc.SetWriteDeadline(time.Now().Add(downloadStall)); err != nil {
			return written, err
		}
		n, err := d.w.Write(step)
		written += n
		if err != nil {
			return written, err
		}
		p = p[n:]
	}
	return written, nil
}
