package main

import (
	"os"
	"os/exec"
	"time"
)

// stopProcess asks cmd's process to stop with sig, waits for it at most grace, then
// kills it; it returns once the process is gone.
func stopProcess(cmd *exec.Cmd, sig os.Signal, grace time.Duration) {
	_ = cmd.Process.Signal(sig)
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(grace):
		_ = cmd.Process.Kill()
		<-done
	}
}
