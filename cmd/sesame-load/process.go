package main

import (
	"os"
	"os/exec"
	"time"
)

// stopProcess asks cmd's process to stop with sig, waits for it at most grace, then
// kills it; it returns once the process is gone. exited, if not nil, is closed by the
// caller's own cmd.Wait; else stopProcess waits for cmd itself.
func stopProcess(cmd *exec.Cmd, exited <-chan struct{}, sig os.Signal, grace time.Duration) {
	_ = cmd.Process.Signal(sig)
	done := exited
	if done == nil {
		d := make(chan struct{})
		go func() { _ = cmd.Wait(); close(d) }()
		done = d
	}
	select {
	case <-done:
	case <-time.After(grace):
		_ = cmd.Process.Kill()
		<-done
	}
}
