//go:build unix

package storebench

import (
	"syscall"
	"time"
)

// cpuTime is the processor time the process has used, user and system, every thread
// included: on a loaded machine it tells the work done apart from the wait for a
// processor.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
