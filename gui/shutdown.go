package gui

import (
	"log/slog"
	"runtime"
	"time"
)

// shutdownGrace is how long the app waits, once its window is closed, for the work
// still running to end and the store to close. Past it the app quits anyway and logs
// what it was waiting for: a process that never ends keeps the installer saying
// « Sésame est ouvert » and the next start waiting on the store. Whatever was not
// committed is rolled back by the database.
const shutdownGrace = 10 * time.Second

// quitWithin runs stop (the app's shutdown) and returns when it ends or when expired
// fires, whichever comes first; in the second case it logs every goroutine's stack
// (no values, only where each one is) so that the hang can be found.
func quitWithin(stop func(), expired <-chan time.Time) (finished bool) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		stop()
	}()
	select {
	case <-done:
		return true
	case <-expired:
		slog.Error("shutdown: work still running after the window closed; quitting anyway", "stacks", string(allStacks()))
		return false
	}
}

// allStacks returns every goroutine's stack, whole: the buffer grows until the dump
// fits, so that a goroutine listed late is not cut off.
func allStacks() []byte {
	for size := 1 << 20; ; size *= 2 {
		buf := make([]byte, size)
		if n := runtime.Stack(buf, true); n < size {
			return buf[:n]
		}
	}
}
