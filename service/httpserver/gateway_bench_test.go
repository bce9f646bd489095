package httpserver_test

import (
	"io"
	"net/http"
	"testing"

	"sesame/service/httpserver"
)

// discardWriter is a ResponseWriter that keeps nothing but its header map, reused
// between requests as net/http reuses little else: what it measures is the handler.
type discardWriter struct {
	h      http.Header
	status int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *discardWriter) WriteHeader(s int)           { w.status = s }

// BenchmarkGatewayHandler is the cost of one nginx auth_request sub-request in
// Sésame's own code (the whole handler chain: client address, security headers,
// metrics, input checks, routing, the key cache, the identity headers), beside a
// bare handler that writes one header: go test -bench Gateway -benchmem.
func BenchmarkGatewayHandler(b *testing.B) {
	e := newEnv(b, nil)
	_, admin := e.signIn(loginA, e.passwordA)
	g := e.generate(admin.AccessToken, tiersA, "Passerelle")
	req, _ := http.NewRequest("GET", "http://sesame/v1/gateway", nil)
	req.RemoteAddr = "127.0.0.1:40000"
	req.Header.Set("X-Apikey", g.Identifier+":"+g.Secret)
	req.Header.Set(httpserver.HeaderService, serviceLoop)
	req.Header.Set("X-Original-URI", "/api/clients/42")
	for _, bc := range []struct {
		name string
		h    http.Handler
	}{
		{"sesame", e.srv.Handler()},
		{"bare", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"active":true}`)
		})},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				w := &discardWriter{h: http.Header{}}
				bc.h.ServeHTTP(w, req)
				if bc.name == "sesame" && w.status != http.StatusNoContent {
					b.Fatalf("status %d", w.status)
				}
			}
		})
	}
}
