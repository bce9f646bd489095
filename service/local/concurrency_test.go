package local_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"sesame/service"
)

// Several goroutines generating at once on one real SQLite file: every generation
// succeeds, no identifier repeats, no key or audit event is lost.
func TestConcurrentGeneration(t *testing.T) {
	ctx := context.Background()
	p, _ := openPortal(t)
	const workers, each = 8, 25
	var mu sync.Mutex
	ids := map[string]bool{}
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				g, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: fmt.Sprintf("w%d-%d", w, i)})
				if err != nil {
					errs <- err
					continue
				}
				mu.Lock()
				if ids[g.Key.ID] {
					errs <- fmt.Errorf("identifier %s given twice", g.Key.ID)
				}
				ids[g.Key.ID] = true
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	seen := 0
	f := service.KeyFilter{Tiers: "95963", Service: "loop-apikey", Limit: 60}
	for {
		page, err := p.ListKeys(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range page.Keys {
			if !ids[k.ID] {
				t.Errorf("listed key %s was never returned to a caller", k.ID)
			}
			seen++
		}
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
	}
	if seen != workers*each || len(ids) != workers*each {
		t.Fatalf("listed %d keys, generated %d, want %d", seen, len(ids), workers*each)
	}
	events, err := p.Audit(ctx, service.AuditFilter{Limit: service.MaxPageSize})
	if err != nil || len(events) != workers*each {
		t.Fatalf("audit has %d events (%v), want %d", len(events), err, workers*each)
	}
}

// Two racing generations of the same name: exactly one wins.
func TestConcurrentSameName(t *testing.T) {
	ctx := context.Background()
	p, _ := openPortal(t)
	var wg sync.WaitGroup
	results := make(chan error, 10)
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Felix"})
			results <- err
		}()
	}
	wg.Wait()
	close(results)
	ok, conflicts := 0, 0
	for err := range results {
		switch service.ErrorCode(err) {
		case "":
			ok++
		case service.ECONFLICT:
			conflicts++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != 1 || conflicts != 9 {
		t.Fatalf("%d successes and %d conflicts, want 1 and 9", ok, conflicts)
	}
}
