package throttle

import (
	"strconv"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

func TestPairAndAddress(t *testing.T) {
	th := New(Limit{Burst: 3, Every: time.Minute}, Limit{Burst: 10, Every: 10 * time.Second})
	for range 3 {
		if w, _ := th.Wait("K1", "192.0.2.1", t0); w != 0 {
			t.Fatal("throttled before the allowance is spent")
		}
		th.Fail("K1", "192.0.2.1", t0)
	}
	if w, s := th.Wait("K1", "192.0.2.1", t0); w != time.Minute || s != ScopePair {
		t.Fatalf("after 3 failures: %v %q", w, s)
	}
	// Another address, the same identifier: untouched. The same address, another
	// identifier: untouched while the address has allowance left.
	if w, _ := th.Wait("K1", "192.0.2.2", t0); w != 0 {
		t.Fatalf("another address waits %v", w)
	}
	if w, _ := th.Wait("K2", "192.0.2.1", t0); w != 0 {
		t.Fatalf("another identifier waits %v", w)
	}
	// Refilled with time: one more failure a minute.
	if w, _ := th.Wait("K1", "192.0.2.1", t0.Add(time.Minute)); w != 0 {
		t.Fatalf("after a minute: %v", w)
	}
	// The address's count: failures with identifiers that name nothing.
	for range 7 {
		th.Fail("", "192.0.2.1", t0)
	}
	if w, s := th.Wait("", "192.0.2.1", t0); w != 10*time.Second || s != ScopeAddress {
		t.Fatalf("after 10 failures from the address: %v %q", w, s)
	}
	if w, _ := th.Wait("", "192.0.2.3", t0); w != 0 {
		t.Fatalf("another address waits %v", w)
	}
	th.Prune(t0.Add(time.Hour))
	if n := th.Len(); n != 0 {
		t.Fatalf("%d counts left after an hour", n)
	}
}

func TestIPv6CountedBySlash64(t *testing.T) {
	th := New(Limit{Burst: 100, Every: time.Minute}, Limit{Burst: 2, Every: time.Minute})
	th.Fail("", "2001:db8:1:2::1", t0)
	th.Fail("", "2001:db8:1:2:ffff::9", t0)
	if w, _ := th.Wait("", "2001:db8:1:2::77", t0); w == 0 {
		t.Fatal("a new address in the same /64 escapes the count")
	}
	if w, _ := th.Wait("", "2001:db8:1:3::1", t0); w != 0 {
		t.Fatal("another /64 is counted with it")
	}
	th.Fail("", "::ffff:192.0.2.1", t0)
	th.Fail("", "192.0.2.1", t0)
	if w, _ := th.Wait("", "192.0.2.1", t0); w == 0 {
		t.Fatal("an IPv4-mapped address is counted apart from its IPv4 form")
	}
}

func TestMemoryBounded(t *testing.T) {
	defer func(n int) { maxEntries = n }(maxEntries)
	maxEntries = 1000
	th := New(Limit{Burst: 5, Every: time.Hour}, Limit{Burst: 5, Every: time.Hour})
	for i := range 10 * maxEntries {
		th.Fail("K", "10."+strconv.Itoa(i>>16&255)+"."+strconv.Itoa(i>>8&255)+"."+strconv.Itoa(i&255), t0)
	}
	if n := th.Len(); n > 2*maxEntries {
		t.Fatalf("%d counts kept, more than 2×%d", n, maxEntries)
	}
}
