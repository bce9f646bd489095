package gui

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// blockedTaskForShutdownTest stands for work that never ends (a store that does not
// answer); its name must show in the log. It says when it has begun to wait, so that
// the grace expires only once the work is stuck, as it is after the app's 10 s.
func blockedTaskForShutdownTest(waiting chan<- struct{}, release <-chan struct{}) {
	close(waiting)
	<-release
}

// The window closed while work still runs and never ends: the app quits once the
// grace expires (a channel here, not a clock) and logs where the work was stuck;
// work that ends in time is waited for, and nothing is logged.
func TestQuitWithinGivesUpAndSaysWhere(t *testing.T) {
	var logged bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logged, nil)))
	defer slog.SetDefault(old)

	release := make(chan struct{})
	defer close(release)
	waiting := make(chan struct{})
	expired := make(chan time.Time)
	go func() {
		<-waiting
		expired <- time.Time{}
	}()
	if quitWithin(func() { blockedTaskForShutdownTest(waiting, release) }, expired) {
		t.Fatal("quitWithin said the shutdown finished, while its work is still blocked")
	}
	if !strings.Contains(logged.String(), "blockedTaskForShutdownTest") {
		t.Fatalf("the log does not say where the shutdown was stuck:\n%.2000s", logged.String())
	}

	logged.Reset()
	never := make(chan time.Time)
	if !quitWithin(func() {}, never) {
		t.Fatal("quitWithin gave up on a shutdown that finished")
	}
	if logged.Len() != 0 {
		t.Fatalf("a shutdown in time logged: %s", logged.String())
	}
}

// The window closed and the process is still there when the watch expires (the window
// loop never returned): the process ends, and the log says where each goroutine was;
// a process that ended first is left alone. Channels stand for the clock, and exit is
// recorded instead of ending the test.
func TestExitIfStuckEndsAProcessThatLivesOn(t *testing.T) {
	var logged bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logged, nil)))
	defer slog.SetDefault(old)

	expired := make(chan time.Time, 1)
	expired <- time.Time{}
	code := -1
	exitIfStuck(expired, make(chan struct{}), func(c int) { code = c })
	if code != 1 {
		t.Fatalf("a process still running when the watch expired was not ended with status 1 (exit code %d)", code)
	}
	if !strings.Contains(logged.String(), "TestExitIfStuckEndsAProcessThatLivesOn") {
		t.Fatalf("the log does not give the goroutines' stacks:\n%.2000s", logged.String())
	}

	logged.Reset()
	ended := make(chan struct{})
	close(ended)
	exitIfStuck(make(chan time.Time), ended, func(int) { t.Fatal("a process that had ended was ended again") })
	if logged.Len() != 0 {
		t.Fatalf("a process that ended in time logged: %s", logged.String())
	}
}
