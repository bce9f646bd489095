package httpserver

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sesame/service"
)

// A key's rate: its burst at once, then one request per interval, the wait to the
// next one said; a change of its restrictions starts afresh; with two replicas each
// allows half; a full allowance is forgotten by prune.
func TestKeyRates(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	r := service.Restrictions{RatePerMinute: 60, Burst: 3}
	kr := newKeyRates(1)
	for i := range 3 {
		if ok, _ := kr.allow("K", 1, r, at); !ok {
			t.Fatalf("request %d of the burst refused", i+1)
		}
	}
	if ok, wait := kr.allow("K", 1, r, at); ok || wait != time.Second {
		t.Fatalf("beyond the burst: %v, wait %v; want refused, 1 s", ok, wait)
	}
	if ok, wait := kr.allow("K", 1, r, at.Add(400*time.Millisecond)); ok || wait != 600*time.Millisecond {
		t.Fatalf("0.4 s later: %v, wait %v; want refused, 0.6 s", ok, wait)
	}
	if ok, _ := kr.allow("K", 1, r, at.Add(time.Second)); !ok {
		t.Fatal("a second later: refused")
	}
	if ok, _ := kr.allow("K", 2, r, at.Add(time.Second)); !ok {
		t.Fatal("new restrictions: refused, want a fresh burst")
	}
	kr.prune(at.Add(time.Second))
	if _, ok := kr.m.Load("K"); !ok {
		t.Fatal("pruned while its burst is not back")
	}
	kr.prune(at.Add(time.Hour))
	if _, ok := kr.m.Load("K"); ok {
		t.Fatal("not pruned once its burst is back")
	}

	half := newKeyRates(2)
	n := 0
	for range 10 {
		if ok, _ := half.allow("K", 1, service.Restrictions{RatePerMinute: 60, Burst: 10}, at); ok {
			n++
		}
	}
	if ok, wait := half.allow("K", 1, service.Restrictions{RatePerMinute: 60, Burst: 10}, at); n != 5 || ok || wait != 2*time.Second {
		t.Fatalf("one of two replicas: %d passed, then wait %v; want 5, then 2 s", n, wait)
	}
}

// With N replicas each allows 1/N of the burst, rounded down, at least one
// request: a burst below N gives one at once on each replica (so N in all, as the
// README says), and each replica's rate is 1/N of the key's.
func TestKeyRatesReplicaShare(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		burst, atOnce int
	}{{1, 1}, {2, 1}, {3, 1}, {7, 2}, {9, 3}} {
		kr := newKeyRates(3)
		r := service.Restrictions{RatePerMinute: 60, Burst: tc.burst}
		n := 0
		for range tc.burst + 1 {
			if ok, _ := kr.allow("K", 1, r, at); ok {
				n++
			}
		}
		_, wait := kr.allow("K", 1, r, at)
		if n != tc.atOnce || wait != 3*time.Second {
			t.Errorf("burst %d on one of 3 replicas: %d at once then wait %v; want %d, then 3 s", tc.burst, n, wait, tc.atOnce)
		}
	}
}

// Requests at once from many goroutines never get more than the burst.
func TestKeyRatesConcurrent(t *testing.T) {
	kr := newKeyRates(1)
	at := time.Now()
	r := service.Restrictions{RatePerMinute: 1, Burst: 50}
	var passed atomic.Int64
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				if ok, _ := kr.allow("K", 1, r, at); ok {
					passed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if passed.Load() != 50 {
		t.Fatalf("%d of 800 requests at once passed, want the burst of 50", passed.Load())
	}
}

// A request that still carries an older version of the key's restrictions (read
// from a replica's cache before the change reached it) counts against the newer
// limit: it neither replaces it nor gets a fresh burst.
func TestKeyRatesOlderVersion(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	r := service.Restrictions{RatePerMinute: 60, Burst: 2}
	kr := newKeyRates(1)
	for i := range 2 {
		if ok, _ := kr.allow("K", 2, r, at); !ok {
			t.Fatalf("request %d of the burst refused", i+1)
		}
	}
	if ok, _ := kr.allow("K", 1, r, at); ok {
		t.Fatal("a request with the older restrictions passed beyond the burst")
	}
	if ok, _ := kr.allow("K", 2, r, at); ok {
		t.Fatal("the older restrictions reset the newer limit's burst")
	}
}

// New versions of a key's restrictions arriving while prune forgets the limits
// never lose a request's limit (nor panic); run with -race.
func TestKeyRatesChangeWhilePruning(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	r := service.Restrictions{RatePerMinute: 60, Burst: 1}
	kr := newKeyRates(1)
	var done atomic.Bool
	var wg sync.WaitGroup
	wg.Go(func() {
		for !done.Load() {
			kr.prune(at.Add(time.Hour))
		}
	})
	for v := range 200000 {
		if ok, _ := kr.allow("K", v, r, at); !ok {
			done.Store(true)
			wg.Wait()
			t.Fatalf("version %d: its first request refused", v)
		}
	}
	done.Store(true)
	wg.Wait()
}
