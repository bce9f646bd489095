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
