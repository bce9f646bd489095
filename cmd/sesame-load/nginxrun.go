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
	runs       []result
	cpu        []cpuUse // per request, for each run
}

// runNginx measures, round after round, nginx proxying alone to the bare handler,
// then the same nginx with auth_request to Sésame over its Unix socket (the
// documented configuration) and over TCP, with the CPU time each request took in
// this process (load generator, bare handler, and Sésame unless serverPID names its
// own process), in nginx and in serverPID, and checks the documented configuration
// against issue 12's budget.
// only, when not empty, keeps the scenarios whose name holds it (for a profile).
func runNginx(tgt *target, serverPID int, only string, concurrency int, duration, warmup time.Duration, limit uint64) error {
	front, err := startNginx(tgt)
	if err != nil {
		return err
	}
	defer front.stop()
	proxy := &nginxScenario{name: "nginx proxy", addr: front.plainAddr}
	unix := &nginxScenario{name: "nginx auth_request", addr: front.authAddr}
	tcp := &nginxScenario{name: "auth_request over TCP", addr: front.authTCPAddr}
	for range nginxRounds {
		for _, s := range []*nginxScenario{proxy, unix, tcp} {
			if only != "" && !strings.Contains(s.name, only) {
				continue
			}
			req := nginxRequest(s.addr, tgt.apikey)
			if warmup > 0 {
				if _, err := load(s.name, s.addr, req, 200, concurrency, warmup, limit); err != nil {
					return err
				}
			}
			before := cpuNow(front.pid, serverPID)
			r, err := load(s.name, s.addr, req, 200, concurrency, duration, limit)
			if err != nil {
				return err
			}
			cpu := cpuNow(front.pid, serverPID).perRequest(before, r.requests)
			if serverPID > 0 {
				fmt.Printf("%s  CPU/request %5.1f µs (Go %5.1f, nginx %5.1f, sesame-server %5.1f)\n", r, us(cpu.total()), us(cpu.self), us(cpu.nginx), us(cpu.server))
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
	for _, s := range []*nginxScenario{unix, tcp} {
		byRate, byCPU := proxy.overhead(s)
		a, p := median(s.runs), median(proxy.runs)
		fmt.Printf("%s (Sésame over %s): %.2fx the time of nginx proxying alone, %.2fx its CPU per request "+
			"(medians of %d back-to-back rounds; median rates %.0f vs %.0f req/s; p50 %.2f vs %.2f ms; p99 %.1f vs %.1f ms)\n",
			s.name, map[bool]string{true: "its Unix socket", false: "TCP"}[s == unix], byRate, byCPU, nginxRounds,
			a.rate(), p.rate(), ms(a.p50), ms(p.p50), ms(a.p99), ms(p.p99))
		if s == unix {
			fmt.Println(verdict("nginx auth_request ≤ 1.5x nginx proxying alone, by throughput", byRate <= 1.5))
			fmt.Println(verdict("nginx auth_request ≤ 1.5x nginx proxying alone, by CPU per request", byCPU <= 1.5))
		}
	}
	return nil
}

// overhead is how much more s costs than p: the median over rounds of the ratio of
// their rates, and of their CPU time per request. Each round ran them back to back,
// so the machine's load drifts less within a round than across the whole run.
func (p *nginxScenario) overhead(s *nginxScenario) (byRate, byCPU float64) {
	var rates, cpus []float64
	for i := range min(len(p.runs), len(s.runs)) {
		rates = append(rates, p.runs[i].rate()/s.runs[i].rate())
		cpus = append(cpus, float64(s.cpu[i].total())/float64(p.cpu[i].total()))
	}
	return medianOf(rates), medianOf(cpus)
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
