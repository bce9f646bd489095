package remote_test

import (
	"context"
	"fmt"
	"testing"

	"sesame/service"
	"sesame/service/httpserver/servertest"
)

// The remote Portal gives the count of the matching keys with the first page, as the
// local one does, and none with the pages after it.
func TestKeyCountThroughServer(t *testing.T) {
	ctx := context.Background()
	env := servertest.Start(t, nil)
	p := signedIn(t, env, realKeychain(t)).Portal()
	for i := range 3 {
		if _, err := p.Generate(ctx, service.GenerateRequest{Tiers: servertest.Tiers, Service: "loop-apikey", Name: fmt.Sprintf("Compte %d", i)}); err != nil {
			t.Fatalf("Generate: %v", err)
		}
	}
	f := service.KeyFilter{Tiers: servertest.Tiers, Service: "loop-apikey", Limit: 2}
	first, err := p.ListKeys(ctx, f)
	if err != nil || len(first.Keys) != 2 || first.Count == nil || *first.Count != (service.KeyCount{N: 3}) {
		t.Fatalf("first page = %d keys, count %+v, %v; want 2 keys of 3", len(first.Keys), first.Count, err)
	}
	f.Cursor = first.Next
	if second, err := p.ListKeys(ctx, f); err != nil || len(second.Keys) != 1 || second.Count != nil {
		t.Fatalf("second page = %d keys, count %+v, %v; want 1 key, no count", len(second.Keys), second.Count, err)
	}
	f = service.KeyFilter{Tiers: servertest.Tiers, Service: "loop-apikey", NameContains: "COMPTE 1"}
	if page, err := p.ListKeys(ctx, f); err != nil || page.Count == nil || *page.Count != (service.KeyCount{N: 1}) {
		t.Fatalf("by name: count %+v, %v; want 1", page.Count, err)
	}

	// The keys page's two requests: the rows without their count, then the count alone.
	f = service.KeyFilter{Tiers: servertest.Tiers, Service: "loop-apikey", Limit: 2, NoCount: true}
	if page, err := p.ListKeys(ctx, f); err != nil || len(page.Keys) != 2 || page.Next == "" || page.Count != nil {
		t.Fatalf("without the count: %d keys, next %q, count %+v, %v; want 2 keys, a next page, no count", len(page.Keys), page.Next, page.Count, err)
	}
	f = service.KeyFilter{Tiers: servertest.Tiers, Service: "loop-apikey", NameContains: "compte", CountOnly: true}
	if page, err := p.ListKeys(ctx, f); err != nil || len(page.Keys) != 0 || page.Next != "" || page.Count == nil || *page.Count != (service.KeyCount{N: 3}) {
		t.Fatalf("count only: %d keys, next %q, count %+v, %v; want the count 3 alone", len(page.Keys), page.Next, page.Count, err)
	}
}
