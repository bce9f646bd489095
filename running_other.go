//go:build !windows

package main

// markRunning: only Windows' installer looks for a running Sésame (running_windows.go).
func markRunning() {}
