package throttle

import (
	"testing"
	"time"
)

// A clock set back by a day (NTP, a VM restored, a test) must not turn the failures
// already counted into a day-long wait.
func TestClockSetBack(t *testing.T) {
	th := New(Limit{Burst: 3, Every: time.Minute}, Limit{Burst: 10, Every: 10 * time.Second})
	th.Fail("K1", "192.0.2.1", t0)
	back := t0.Add(-24 * time.Hour)
	if w, s := th.Wait("K1", "192.0.2.1", back); w != 0 {
		t.Fatalf("after the clock went back a day: wait %v (%s), want none", w, s)
	}
	th.Fail("K1", "192.0.2.1", back)
	th.Fail("K1", "192.0.2.1", back)
	if w, _ := th.Wait("K1", "192.0.2.1", back); w != time.Minute {
		t.Fatalf("allowance spent after the clock went back: wait %v, want a minute", w)
	}
}
