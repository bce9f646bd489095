package main

import (
	"os"
	"testing"
	"time"
)

// TestCPUNowCountsThisProcessAndNginx checks the CPU accounting of the nginx runs:
// this process's own time grows as it works, and a "master" PID (here this test's
// own, whose children are none) is read from /proc.
func TestCPUNowCountsThisProcessAndNginx(t *testing.T) {
	before := cpuNow(os.Getpid(), 0)
	for end := time.Now().Add(50 * time.Millisecond); time.Now().Before(end); {
	}
	after := cpuNow(os.Getpid(), 0)
	if after.self <= before.self {
		t.Errorf("own CPU time did not grow: %v then %v", before.self, after.self)
	}
	if after.nginx <= 0 {
		t.Errorf("the watched process's CPU time was not read from /proc: %v then %v", before.nginx, after.nginx)
	}
	per := after.perRequest(before, 10)
	if per.self != (after.self-before.self)/10 || per.total() != per.self+per.nginx {
		t.Errorf("per request: %+v", per)
	}
	// The same process watched as a sesame-server of its own (-server).
	if asServer := cpuNow(0, os.Getpid()); asServer.server <= 0 || asServer.nginx != 0 {
		t.Errorf("a server process's CPU time: %+v", asServer)
	}
}
