package servertest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"sesame/service/httpserver/openapi"
)

// maxCheckedBody is the most of an answer the contract check keeps to validate; a
// longer one (a large CSV export) is checked for its status and headers only.
const maxCheckedBody = 4 << 20

// contractRouter is the description loaded once for every test of a process. Its
// servers are dropped so that it matches the test server's address.
var contractRouter = sync.OnceValues(func() (routers.Router, error) {
	// The media types the description uses beyond kin-openapi's defaults; the pages
	// and the CSV export are checked as text.
	openapi3filter.RegisterBodyDecoder("text/html", openapi3filter.PlainBodyDecoder)
	openapi3filter.RegisterBodyDecoder("text/csv", openapi3filter.PlainBodyDecoder)
	openapi3filter.RegisterBodyDecoder("application/jwk-set+json", openapi3filter.JSONBodyDecoder)
	openapi3filter.RegisterBodyDecoder("application/vnd.sqlite3", openapi3filter.FileBodyDecoder)
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(openapi.YAML())
	if err != nil {
		return nil, err
	}
	if err := doc.Validate(loader.Context); err != nil {
		return nil, err
	}
	doc.Servers = nil
	return legacy.NewRouter(doc)
})

// Contract wraps a server's handler so that every request a test makes, and the
// answer it gets, is checked against the OpenAPI description (openapi.yaml), with
// kin-openapi's validator: a request the description allows must get an answer it
// describes (status, media type, body); a request it does not allow (a wrong path,
// method, parameter or body, as the bad-input tests send) must get a 4xx, itself as
// described. Failures are reported as the test's errors. For tests only: the served
// path never pays for it.
func Contract(t testing.TB, h http.Handler) http.Handler {
	router, err := contractRouter()
	if err != nil {
		t.Fatalf("OpenAPI description: %v", err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var reqBody bytes.Buffer
		if r.Body != nil && r.Body != http.NoBody {
			r.Body = struct {
				io.Reader
				io.Closer
			}{io.TeeReader(r.Body, &reqBody), r.Body}
		}
		// The request as it came, for the check after the handler (which may change r).
		seen := r.Clone(context.WithoutCancel(r.Context()))
		rec := &recorder{ResponseWriter: w}
		aborted := true
		defer func() {
			if aborted {
				return // the handler cut the answer short (http.ErrAbortHandler): nothing to check
			}
			seen.Body = io.NopCloser(bytes.NewReader(reqBody.Bytes()))
			if msg := checkExchange(router, seen, rec); msg != "" {
				t.Errorf("%s %s answered %d, outside the OpenAPI description: %s", seen.Method, seen.URL.RequestURI(), rec.status(), msg)
			}
		}()
		h.ServeHTTP(rec, r)
		aborted = false
	})
}

// checkExchange validates one request and its answer; it returns what is wrong.
func checkExchange(router routers.Router, req *http.Request, rec *recorder) string {
	status := rec.status()
	route, params, err := router.FindRoute(gatewayRoutable(req))
	if err != nil {
		if status == http.StatusNotFound || status == http.StatusMethodNotAllowed {
			return ""
		}
		return "no such operation (" + err.Error() + "), yet not answered 404 or 405"
	}
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true, MultiError: true}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	reqErr := openapi3filter.ValidateRequest(req.Context(), in)
	if reqErr != nil && (status < 400 || status >= 500) {
		return "the request is outside the description (" + reqErr.Error() + ") but was not refused with a 4xx"
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: status, Header: rec.Header(), Options: opts}
	if rec.truncated {
		opts.ExcludeResponseBody = true
	}
	out.SetBodyBytes(rec.body.Bytes())
	if err := openapi3filter.ValidateResponse(req.Context(), out); err != nil {
		return "the answer: " + err.Error()
	}
	return ""
}

// gatewayRoutable is req with the original path that Envoy appends to
// /v1/gateway/{service}/ folded into one segment: an OpenAPI path template cannot
// span slashes, and the description's {rest} stands for all of it.
func gatewayRoutable(req *http.Request) *http.Request {
	const prefix = "/v1/gateway/"
	rest, ok := strings.CutPrefix(req.URL.Path, prefix)
	service, tail, nested := strings.Cut(rest, "/")
	if !ok || !nested || !strings.Contains(tail, "/") {
		return req
	}
	r := req.Clone(req.Context())
	r.URL.Path = prefix + service + "/" + strings.ReplaceAll(tail, "/", "_")
	r.URL.RawPath = ""
	return r
}

// recorder passes an answer through and keeps its status and the start of its body.
type recorder struct {
	http.ResponseWriter
	code      int
	body      bytes.Buffer
	truncated bool
}

func (r *recorder) WriteHeader(code int) {
	if r.code == 0 && code >= 200 {
		r.code = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	if r.body.Len()+len(b) <= maxCheckedBody {
		r.body.Write(b)
	} else {
		r.truncated = true
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer (Flush, deadlines).
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (r *recorder) status() int {
	if r.code == 0 {
		return http.StatusOK
	}
	return r.code
}
