//go:build !unix

package storebench

import "time"

// cpuTime is not measured here.
func cpuTime() time.Duration { return 0 }
