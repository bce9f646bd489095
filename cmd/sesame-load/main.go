// Command sesame-load measures the server's hot paths on loopback: POST /v1/verify,
// the gateway endpoint GET /v1/gateway and the client_credentials grant, against a
// bare net/http handler measured in the same run, and checks them against the
// budgets of issue 22. It starts the server in-process on a throw-away SQLite file (or a
// PostgreSQL database given with --db), seeds one firm and one key, and loads it over
// keep-alive connections with a minimal HTTP/1.1 client that reuses its buffers, so
// that the load generator takes as little of the machine's CPU as it can. Runs are
// bounded in time and in requests, and only ever target 127.0.0.1.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"strings"
	"time"
)

// Bounds on what a run may ask for.
const (
	maxDuration    = 60 * time.Second
	maxRequests    = 20_000_000
	maxConcurrency = 256
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "sesame-load:", err)
		os.Exit(1)
	}
	if missed {
		fmt.Fprintln(os.Stderr, "sesame-load: a budget was missed (MISS above)")
		os.Exit(1)
	}
}

// missed is set by verdict when a budget is missed: the exit status says so.
var missed bool

func run() error {
	db := flag.String("db", "", "postgres:// URL of an EMPTY database to fill and load (default: a temporary SQLite file)")
	concurrency := flag.Int("c", 32, "concurrent keep-alive connections")
	duration := flag.Duration("d", 5*time.Second, "duration of each scenario")
	requests := flag.Uint64("n", 2_000_000, "most requests per scenario")
	warmup := flag.Duration("warmup", time.Second, "warm-up before each scenario (not measured)")
	only := flag.String("only", "", "run only the scenario whose name contains this")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the measured runs to this file")
	serverBin := flag.String("server", "", "with -nginx: Sésame as a sesame-server process of its own (this binary, on a SQLite file), as a firm deploys it beside nginx, instead of inside this process")
	withNginx := flag.Bool("nginx", false, "instead: a real nginx in front of the bare handler, proxying alone, and with the documented auth_request snippets to a fixed 204 (the floor) and to Sésame's /v1/gateway (needs nginx)")
	floorSocket := flag.String("serve-floor", "", "(used by -nginx -server) serve only the fixed 204 on this Unix socket, until SIGTERM")
	flag.Parse()
	if *floorSocket != "" {
		return serveFloor(*floorSocket)
	}
	if *concurrency < 1 || *concurrency > maxConcurrency || *duration <= 0 || *duration > maxDuration ||
		*requests < 1 || *requests > maxRequests || *warmup < 0 || *warmup > maxDuration {
		return fmt.Errorf("bounds: 1 ≤ -c ≤ %d, 0 < -d ≤ %s, 1 ≤ -n ≤ %d, -warmup ≤ %s", maxConcurrency, maxDuration, maxRequests, maxDuration)
	}
	ctx := context.Background()
	tgt, err := setUp(ctx, *db)
	if err != nil {
		return err
	}
	defer tgt.close()

	fmt.Printf("store %s, concurrency %d, %s per scenario (after %s warm-up), GOMAXPROCS shared with the server\n",
		tgt.storeName, *concurrency, *duration, *warmup)
	scenarios := []struct {
		name, addr string
		request    []byte
		status     int
	}{
		{"bare net/http", tgt.bareAddr, tgt.bareRequest, 200},
		{"POST /v1/verify", tgt.addr, tgt.verifyRequest, 200},
		{"GET /v1/gateway", tgt.addr, tgt.gatewayRequest, 204},
		{"client_credentials", tgt.addr, tgt.tokenRequest, 200},
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *withNginx {
		scenarios = scenarios[:1] // the bare handler, for reference
		if *only != "" {
			scenarios = nil
		}
	}
	// Round after round, each scenario back to back: on a shared machine the load
	// drifts less within a round than across the run.
	rounds := verifyRounds
	if *withNginx {
		rounds = 1
	}
	results := map[string][]result{}
	for range rounds {
		for _, s := range scenarios {
			if *only != "" && !strings.Contains(s.name, *only) {
				continue
			}
			if *warmup > 0 {
				if _, err := load(s.name, s.addr, s.request, s.status, *concurrency, *warmup, *requests); err != nil {
					return err
				}
			}
			r, err := load(s.name, s.addr, s.request, s.status, *concurrency, *duration, *requests)
			if err != nil {
				return err
			}
			fmt.Println(r)
			if r.errors > 0 {
				return fmt.Errorf("%s: %d errors, first: %s", s.name, r.errors, r.firstErr)
			}
			results[s.name] = append(results[s.name], r)
		}
	}
	if *withNginx {
		serverPID, floorPID := 0, 0
		if *serverBin != "" {
			sp, err := startServer(ctx, *serverBin)
			if err != nil {
				return err
			}
			defer sp.stop()
			fp, err := startFloor()
			if err != nil {
				return err
			}
			defer fp.stop()
			own := *tgt
			own.addr, own.unixPath, own.apikey, serverPID = sp.addr, sp.unixPath, sp.apikey, sp.pid
			own.fixedUnixPath, floorPID = fp.unixPath, fp.pid
			tgt = &own
			fmt.Printf("Sésame: sesame-server serve, process %d; the fixed 204: process %d (their CPU time counted apart)\n", sp.pid, fp.pid)
		}
		return runNginx(tgt, serverPID, floorPID, *only, *concurrency, *duration, *warmup, *requests)
	}
	if *only != "" {
		return nil
	}
	// The budgets of issue 22, as ratios to the bare handler of the same round (the
	// machine is shared: absolute rates vary from one run to the next).
	least := 0.75
	if tgt.storeName != "PostgreSQL" {
		least = 0.85
	}
	fmt.Printf("bare net/http p99 %.1f ms (median of %d rounds): what this machine's load alone costs the slowest 1 %%\n",
		ms(medianP99(results["bare net/http"])), rounds)
	for _, b := range []struct {
		name  string
		least float64
	}{{"POST /v1/verify", least}, {"GET /v1/gateway", least}, {"client_credentials", 0.70}} {
		ratio, p99 := shareOfBare(results[b.name], results["bare net/http"]), medianP99(results[b.name])
		fmt.Printf("%s / bare = %.0f%% (median of %d rounds), p99 %.1f ms\n", b.name, 100*ratio, rounds, ms(p99))
		fmt.Println(verdict(fmt.Sprintf("%s ≥ %.0f%% of bare", b.name, 100*b.least), ratio >= b.least))
		fmt.Println(verdict(fmt.Sprintf("%s p99 ≤ %s", b.name, p99Budget), p99 <= p99Budget))
	}
	return nil
}

// verifyRounds is how many times the verification scenarios alternate.
const verifyRounds = 3

// p99Budget is the slowest 1 % a verification or a token may take.
const p99Budget = 10 * time.Millisecond

// shareOfBare is the median over rounds of rs's rate as a share of bare's.
func shareOfBare(rs, bare []result) float64 {
	var ratios []float64
	for i := range min(len(rs), len(bare)) {
		ratios = append(ratios, rs[i].rate()/bare[i].rate())
	}
	return medianOf(ratios)
}

// medianP99 is the median of the rounds' p99.
func medianP99(rs []result) time.Duration {
	var xs []float64
	for _, r := range rs {
		xs = append(xs, float64(r.p99))
	}
	return time.Duration(medianOf(xs))
}

func verdict(what string, ok bool) string {
	if ok {
		return "  ok    " + what
	}
	missed = true
	return "  MISS  " + what
}
