package httpserver_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/local"
)

// median is the middle of ds.
func median(ds []time.Duration) time.Duration {
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// BenchmarkVerifyRestricted is the cost of a key's restrictions on POST /v1/verify:
// a key with 10 allowed ranges (the client in the last one) and a rate limit, beside
// a key without restriction, verified in turns in the same loop, on SQLite and on
// PostgreSQL. It reports each one's median time per request and their ratio (the
// budget: restricted/plain within 1.05). Run it with -benchtime Nx, N under the burst (the
// limit must never refuse here: a refusal fails the benchmark).
func BenchmarkVerifyRestricted(b *testing.B) {
	for name, open := range map[string]func(testing.TB, func(*httpserver.Config)) *env{"sqlite": newEnv, "postgres": newPostgresEnv} {
		b.Run(name, func(b *testing.B) {
			e := open(b, nil)
			p := local.New(e.st, loginA)
			ranges := make([]string, 10)
			for i := range ranges {
				ranges[i] = fmt.Sprintf("10.%d.1.0/24", i*20)
			}
			gen := func(n string, r service.RestrictionsInput) *http.Request {
				g, err := p.Generate(b.Context(), service.GenerateRequest{Tiers: tiersA, Service: serviceLoop, Name: n, Restrictions: r})
				if err != nil {
					b.Fatal(err)
				}
				req, _ := http.NewRequest("POST", "http://sesame/v1/verify", nil)
				req.RemoteAddr = "10.180.1.77:40000"
				req.Header.Set("X-Apikey", g.Credentials.Identifier+":"+g.Credentials.Secret)
				req.Header.Set("X-Original-Method", "GET")
				return req
			}
			plain := gen("Sans restriction", service.RestrictionsInput{})
			restricted := gen("Restreinte", service.RestrictionsInput{Addresses: ranges, RatePerMinute: service.MaxRatePerMinute})
			h := e.srv.Handler()
			serve := func(req *http.Request) time.Duration {
				w := &discardWriter{h: http.Header{}}
				start := time.Now()
				h.ServeHTTP(w, req)
				d := time.Since(start)
				if w.status != http.StatusOK {
					b.Fatalf("status %d", w.status)
				}
				return d
			}
			serve(plain) // both keys in the cache
			serve(restricted)
			var tp, tr []time.Duration
			n := 0
			for b.Loop() {
				if n%2 == 0 {
					tp = append(tp, serve(plain))
					tr = append(tr, serve(restricted))
				} else {
					tr = append(tr, serve(restricted))
					tp = append(tp, serve(plain))
				}
				n++
			}
			// Medians: a shared machine's pauses land on either key at random.
			mp, mr := median(tp), median(tr)
			b.ReportMetric(float64(mp.Nanoseconds()), "ns-plain-median")
			b.ReportMetric(float64(mr.Nanoseconds()), "ns-restricted-median")
			b.ReportMetric(float64(mr)/float64(mp), "restricted/plain")
		})
	}
}
