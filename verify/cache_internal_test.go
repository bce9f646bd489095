package verify

import (
	"strconv"
	"testing"
	"time"
)

func TestCacheIsBounded(t *testing.T) {
	c := newCache(3)
	now := time.Unix(1_000_000, 0)
	for i := range 10 {
		c.put("K"+strconv.Itoa(i)+":secret", Identity{Key: strconv.Itoa(i)}, nil, now, now.Add(time.Minute))
		if c.len() > 3 {
			t.Fatalf("%d entries after %d puts, bound 3", c.len(), i+1)
		}
	}
	// The newest entry is always kept, expired ones go first.
	if id, _, ok := c.get("K9:secret", now); !ok || id.Key != "9" {
		t.Fatal("the newest entry was evicted")
	}
	later := now.Add(2 * time.Minute)
	c.put("fresh:1", Identity{}, nil, later, later.Add(time.Minute))
	if c.len() != 1 {
		t.Fatalf("expired entries kept: %d", c.len())
	}
	if _, _, ok := c.get("K9:secret", later); ok {
		t.Fatal("an expired entry was answered")
	}
	for k := range c.entries {
		if string(k[:]) == "fresh:1" {
			t.Fatal("the cache holds the x-apikey value itself")
		}
	}
}
