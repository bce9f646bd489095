//go:build !linux

package main

// cpuNow is Linux only (rusage and /proc): elsewhere the nginx runs report no CPU time.
func cpuNow(int, int) cpuUse { return cpuUse{} }
