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

// closeToExit is how long the process may live on once its window has closed: the
// window loop's end, then shutdownGrace, with room to spare. Past it the process ends
// (exitIfStuck), whatever still runs, the window loop included.
const closeToExit = 2 * shutdownGrace

// exitIfStuck, started when the window closes, ends the process with exit(1) if it
// has not ended (ended closed) when expired fires, after logging every goroutine's
// stack: quitWithin bounds the shutdown once the window loop has returned, this bounds
// the loop too. The status says that the app did not end by itself.
func exitIfStuck(expired <-chan time.Time, ended <-chan struct{}, exit func(int)) {
	select {
	case <-ended:
	case <-expired:
		slog.Error("shutdown: still running after the window closed; ending the process", "stacks", string(allStacks()))
		exit(1)
	}
}

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
