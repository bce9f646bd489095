package desktopupdate

import (
	"testing"
	"time"
)

func TestDue(t *testing.T) {
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		last time.Time
		due  bool
	}{
		{time.Time{}, true},
		{now.Add(-time.Hour), false},
		{now.Add(-Every + time.Second), false},
		{now.Add(-Every), true},
		{now.Add(time.Hour), true}, // the clock was set back
	} {
		if got := Due(c.last, now); got != c.due {
			t.Errorf("Due(%v, %v) = %v", c.last, now, got)
		}
	}
}
