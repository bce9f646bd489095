package main

import "time"

// cpuUse is CPU time spent so far by this process (load generator, Sésame and the
// bare handler), by an nginx master and its workers, and by a sesame-server process
// of its own when there is one (-server); cpuNow reads it on Linux, elsewhere it
// stays zero.
type cpuUse struct{ self, nginx, server time.Duration }

// perRequest is the CPU time of a run divided by its requests.
func (u cpuUse) perRequest(before cpuUse, requests uint64) cpuUse {
	if requests == 0 {
		return cpuUse{}
	}
	n := time.Duration(requests)
	return cpuUse{self: (u.self - before.self) / n, nginx: (u.nginx - before.nginx) / n, server: (u.server - before.server) / n}
}

func (u cpuUse) total() time.Duration { return u.self + u.nginx + u.server }
