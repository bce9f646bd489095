package main

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// nginxRounds is how many times the nginx scenarios alternate: on a shared machine
// one run of each says little, the median of five rounds says more.
const nginxRounds = 5

// nginxScenario is one way through nginx, measured round after round.
type nginxScenario struct {
	name, addr string
	nginxPID   int // the master of the nginx it goes through
	serverPID  int // the process that answers its sub-requests, if not this one
	runs       []result
	cpu        []cpuUse // per request, for each run
}

// nginxBudget is the least share of the floor's rate that auth_request to Sésame
// must reach: the same nginx, with the documented snippets, whose sub-requests a
// net/http server answers with a fixed 204.
const nginxBudget = 0.85

// runNginx measures, round after round, nginx proxying alone to the bare handler,
// the same nginx with the documented auth_request snippets and a net/http server
// answering a fixed 204 to its sub-requests (the floor), and with Sésame answering
// them over its Unix socket (the documented configuration), with the CPU time each
// request took in this process (load generator, bare handler, and Sésame and the
// floor unless serverPID and floorPID name processes of their own), in nginx and in
// those processes; it checks Sésame's rate against nginxBudget of the floor's.
// only, when not empty, keeps the scenarios whose name holds it (for a profile).
func runNginx(tgt *target, serverPID, floorPID int, only string, concurrency int, duration, warmup time.Duration, limit uint64) error {
	front, err := startNginx("unix:"+tgt.unixPath, tgt.bareAddr, true)
	if err != nil {
		return err
	}
	defer front.stop()
	floorFront, err := startNginx("unix:"+tgt.fixedUnixPath, tgt.bareAddr, false)
	if err != nil {
		return err
	}
	defer floorFront.stop()
	proxy := &nginxScenario{name: "nginx proxy alone", addr: front.plainAddr, nginxPID: front.pid}
	floor := &nginxScenario{name: "nginx auth fixed 204", addr: floorFront.authAddr, nginxPID: floorFront.pid, serverPID: floorPID}
	sesame := &nginxScenario{name: "nginx auth Sésame", addr: front.authAddr, nginxPID: front.pid, serverPID: serverPID}
	for range nginxRounds {
		for _, s := range []*nginxScenario{proxy, floor, sesame} {
			if only != "" && !strings.Contains(s.name, only) {
				continue
			}
			req := nginxRequest(s.addr, tgt.apikey)
			if warmup > 0 {
				if _, err := load(s.name, s.addr, req, 200, concurrency, warmup, limit); err != nil {
					return err
				}
			}
			before := cpuNow(s.nginxPID, s.serverPID)
			r, err := load(s.name, s.addr, req, 200, concurrency, duration, limit)
			if err != nil {
				return err
			}
			cpu := cpuNow(s.nginxPID, s.serverPID).perRequest(before, r.requests)
			if s.serverPID > 0 {
				fmt.Printf("%s  CPU/request %5.1f µs (Go %5.1f, nginx %5.1f, its server %5.1f)\n", r, us(cpu.total()), us(cpu.self), us(cpu.nginx), us(cpu.server))
			} else {
				fmt.Printf("%s  CPU/request %5.1f µs (Go %5.1f, nginx %5.1f)\n", r, us(cpu.total()), us(cpu.self), us(cpu.nginx))
			}
			if r.errors > 0 {
				return fmt.Errorf("%s: %d errors, first: %s", s.name, r.errors, r.firstErr)
			}
			s.runs, s.cpu = append(s.runs, r), append(s.cpu, cpu)
		}
	}
	if only != "" {
		return nil
	}
	p, f, a := median(proxy.runs), median(floor.runs), median(sesame.runs)
	fmt.Printf("medians of %d back-to-back rounds, c=%d: nginx proxy alone %.0f req/s (p99 %.1f ms), auth_request to a fixed 204 %.0f req/s (p99 %.1f ms), auth_request to Sésame %.0f req/s (p99 %.1f ms)\n",
		nginxRounds, concurrency, p.rate(), ms(p.p99), f.rate(), ms(f.p99), a.rate(), ms(a.p99))
	fmt.Printf("CPU per request (medians): nginx proxy alone %.1f µs, auth_request to a fixed 204 %.1f µs, auth_request to Sésame %.1f µs (%.0f%% of the floor's rate if the CPU were all that bounds it)\n",
		us(medianCPU(proxy)), us(medianCPU(floor)), us(medianCPU(sesame)), 100*float64(medianCPU(floor))/float64(medianCPU(sesame)))
	byRate := share(sesame, floor)
	fmt.Printf("auth_request to Sésame / to a fixed 204 = %.0f%% (median of the rounds' ratios)\n", 100*byRate)
	fmt.Println(verdict(fmt.Sprintf("nginx auth_request to Sésame ≥ %.0f%% of the same to a fixed 204, by throughput", 100*nginxBudget), byRate >= nginxBudget))
	return nil
}

// share is s's rate as a share of f's: the median over rounds of the ratio of their
// rates. Each round ran them back to back, so the machine's load drifts less within
// a round than across the whole run.
func share(s, f *nginxScenario) float64 {
	var rates []float64
	for i := range min(len(s.runs), len(f.runs)) {
		rates = append(rates, s.runs[i].rate()/f.runs[i].rate())
	}
	return medianOf(rates)
}

// medianCPU is the median of s's CPU time per request over its rounds.
func medianCPU(s *nginxScenario) time.Duration {
	var xs []float64
	for _, c := range s.cpu {
		xs = append(xs, float64(c.total()))
	}
	return time.Duration(medianOf(xs))
}

// medianOf returns the median of xs (0 for none).
func medianOf(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	sorted := append([]float64(nil), xs...)
	sort.Float64s(sorted)
	return sorted[len(sorted)/2]
}

// median returns the run with the median rate.
func median(rs []result) result {
	sorted := append([]result(nil), rs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].rate() < sorted[j].rate() })
	return sorted[len(sorted)/2]
}

func us(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }
