package lean_test

import (
	"bytes"
	"net"
	"net/http"
	"path/filepath"
	"testing"

	"sesame/service/httpserver/lean"
)

// subrequest is what nginx sends for auth_request with the documented configuration.
const subrequest = "GET /v1/gateway HTTP/1.1\r\nX-Sesame-Service: loop-apikey\r\nX-Original-URI: /api/clients/42\r\nHost: sesame\r\nx-apikey: AbCdEfGhIjKlMnOp:0123456789abcdef0123456789abcdef0123456789abcdef\r\n\r\n"

// identity answers as /v1/gateway does for a usable key, without checking anything:
// what is measured is the way to and from the handler.
func identity(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h["Cache-Control"] = []string{"no-store"}
	h["X-Sesame-Key"] = []string{"AbCdEfGhIjKlMnOp"}
	h["X-Sesame-Tiers"] = []string{"95963"}
	h["X-Sesame-Service"] = []string{"loop-apikey"}
	h["X-Sesame-Key-Name"] = []string{"Cl%C3%A9%20comptable"}
	w.WriteHeader(http.StatusNoContent)
}

// BenchmarkSubrequest is one sub-request's round trip over a Unix socket, through
// net/http and through the lean loop, with the same handler and the same client, on
// 32 connections at once (as nginx's keep-alive pool): go test -bench Subrequest.
func BenchmarkSubrequest(b *testing.B) {
	for _, way := range []string{"floor", "net/http", "lean"} {
		b.Run(way, func(b *testing.B) {
			ln, err := net.Listen("unix", filepath.Join(b.TempDir(), "s.sock"))
			if err != nil {
				b.Fatal(err)
			}
			hs := &http.Server{Handler: http.HandlerFunc(identity)}
			var l net.Listener = ln
			switch way {
			case "lean":
				l = lean.NewListener(hs, ln, "/v1/gateway")
			case "floor":
				go serveFixed(ln)
				defer ln.Close()
			}
			if way != "floor" {
				go hs.Serve(l)
				defer hs.Close()
			}
			b.SetParallelism(16)
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				c, err := net.Dial("unix", ln.Addr().String())
				if err != nil {
					b.Error(err)
					return
				}
				defer c.Close()
				buf := make([]byte, 4096)
				for pb.Next() {
					if _, err := c.Write([]byte(subrequest)); err != nil {
						b.Error(err)
						return
					}
					n := 0
					for !bytes.Contains(buf[:n], []byte("\r\n\r\n")) {
						m, err := c.Read(buf[n:])
						if err != nil {
							b.Error(err)
							return
						}
						n += m
					}
					if !bytes.HasPrefix(buf[:n], []byte("HTTP/1.1 204 ")) {
						b.Errorf("answer %q", buf[:n])
						return
					}
				}
			})
		})
	}
}

// serveFixed answers every request of every connection with the same bytes, without
// reading them: the floor under any HTTP server on this socket and client.
func serveFixed(ln net.Listener) {
	answer := []byte("HTTP/1.1 204 No Content\r\nCache-Control: no-store\r\nX-Sesame-Key: AbCdEfGhIjKlMnOp\r\nX-Sesame-Tiers: 95963\r\nX-Sesame-Service: loop-apikey\r\nX-Sesame-Key-Name: load\r\n\r\n")
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer c.Close()
			buf := make([]byte, 4096)
			n := 0
			for {
				m, err := c.Read(buf[n:])
				if err != nil {
					return
				}
				n += m
				for {
					i := bytes.Index(buf[:n], []byte("\r\n\r\n"))
					if i < 0 {
						break
					}
					if _, err := c.Write(answer); err != nil {
						return
					}
					n = copy(buf, buf[i+4:n])
				}
			}
		}()
	}
}
