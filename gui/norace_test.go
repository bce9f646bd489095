//go:build !race

package gui

// raceEnabled says the tests run under the race detector.
const raceEnabled = false
