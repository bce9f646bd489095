package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// clockTick is the unit of utime and stime in /proc/PID/stat (USER_HZ, 100 on Linux).
const clockTick = 10 * time.Millisecond

// cpuNow reads this process's rusage, the CPU time of nginxPID and its children, and
// that of serverPID (0: none). On a machine others share, CPU time per request says more than
// requests per second, which drop whenever someone else's job runs.
func cpuNow(nginxPID, serverPID int) cpuUse {
	var u cpuUse
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		u.self = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if nginxPID <= 0 && serverPID <= 0 {
		return u
	}
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, p := range stats {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		// pid (comm) state ppid … utime(14) stime(15): comm may hold spaces, so
		// count fields after its closing parenthesis.
		i := bytes.LastIndexByte(b, ')')
		if i < 0 {
			continue
		}
		pid, _ := strconv.Atoi(string(bytes.Fields(b[:i])[0]))
		f := bytes.Fields(b[i+1:])
		if len(f) < 13 {
			continue
		}
		ppid, _ := strconv.Atoi(string(f[1]))
		ut, _ := strconv.ParseInt(string(f[11]), 10, 64)
		st, _ := strconv.ParseInt(string(f[12]), 10, 64)
		switch {
		case nginxPID > 0 && (pid == nginxPID || ppid == nginxPID):
			u.nginx += time.Duration(ut+st) * clockTick
		case serverPID > 0 && pid == serverPID:
			u.server += time.Duration(ut+st) * clockTick
		}
	}
	return u
}
