package local_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"sesame/service"
)

// BenchmarkGenerate measures a whole generation in the service on a real SQLite file:
// randomness, digest, insert and audit event in one transaction. Budget: ≤ 10 ms median.
func BenchmarkGenerate(b *testing.B) {
	ctx := context.Background()
	p, _ := openPortal(b)
	durations := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: fmt.Sprintf("clé %d", i)}); err != nil {
			b.Fatal(err)
		}
		durations = append(durations, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(durations)
	b.ReportMetric(float64(durations[len(durations)/2].Microseconds())/1000, "ms-median")
}
