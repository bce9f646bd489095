//go:build race

package gui

// raceEnabled says the tests run under the race detector, which slows everything
// down several times: time budgets are measured and logged, not asserted.
const raceEnabled = true
