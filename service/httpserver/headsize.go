package httpserver

import (
	"net/http"

	"sesame/service"
	"sesame/service/api"
)

// maxHeadBytes is the largest request head (request line and header fields) the
// server takes; a bigger one is refused with 431 and a warning in the log.
const maxHeadBytes = 16 << 10

// headReadLimit is how much of a head net/http reads (http.Server.MaxHeaderBytes):
// more than maxHeadBytes, so that a head between the two reaches limitHead, which
// logs its refusal, instead of net/http answering 431 on its own, without a word in
// the log. A gateway cannot send more than this: nginx refuses a head over 4 × 8 KiB
// (large_client_header_buffers) from its client, and sends Sésame far less.
const headReadLimit = 64 << 10

// limitHead refuses a request whose head is over maxHeadBytes with 431 (RFC 6585
// §5), logged at WARN with its size and the number of its header fields, never
// their values, so that the operator of a gateway that forwards too much sees why.
func (s *Server) limitHead(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, fields := headSize(r)
		if n <= maxHeadBytes {
			next.ServeHTTP(w, r)
			return
		}
		s.log.Warn("request refused: head too large",
			append(logAttrs(r), "head_bytes", n, "header_fields", fields, "limit_bytes", maxHeadBytes)...)
		writeProblemDoc(w, api.NewProblem(http.StatusRequestHeaderFieldsTooLarge, service.EINVALID, msgHeadTooLarge, callerLanguage(r), ""))
	})
}

// headSize is about the size of r's head as it came on the wire, and how many
// header fields it had.
func headSize(r *http.Request) (n, fields int) {
	n = len(r.Method) + len(r.RequestURI) + len(r.Proto) + 4 // spaces and CRLF
	n += len(r.Host) + len("Host: \r\n")
	for k, vs := range r.Header {
		for _, v := range vs {
			n += len(k) + len(v) + 4 // ": " and CRLF
			fields++
		}
	}
	return n, fields
}
