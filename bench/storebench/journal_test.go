package storebench

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// BenchEvents is the size of the benchmarks' audit journal: 1,000,000, or
// SESAME_BENCH_EVENTS (a smaller journal to profile).
var BenchEvents = benchEvents()

func benchEvents() int {
	if n, err := strconv.Atoi(os.Getenv("SESAME_BENCH_EVENTS")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}

// RareKeyWord is in the key names of 1 event in 50,000 of the benchmark journal;
// AbsentKeyWord in none.
const (
	RareKeyWord   = "éléphant"
	AbsentKeyWord = "zèbre"
)

// benchAuditStart is the first event's instant; events follow every 90 s (about
// three years for a million).
var benchAuditStart = time.Date(2023, 1, 2, 8, 0, 0, 0, time.UTC)

// BenchAuditEvent returns the i-th event of the benchmark journal: 85% of BenchTiers,
// 10% of the tiers attached to it, 5% of another firm; 15% sign-ins, the rest key
// generations and revocations by eight administrators.
func BenchAuditEvent(i int) service.AuditEvent {
	at := benchAuditStart.Add(time.Duration(i) * 90 * time.Second)
	who := i * 7 % len(benchWho)
	ev := service.AuditEvent{At: at, Actor: benchWho[who], Login: fmt.Sprintf("admin%d", who), Tiers: BenchTiers,
		Addr: fmt.Sprintf("192.0.2.%d", i%250)}
	switch r := i % 100; {
	case r >= 95:
		ev.Tiers = otherFirm
	case r >= 85:
		ev.Tiers = fmt.Sprintf("1000%d", 1+r%4)
	}
	if i%100 < 15 {
		ev.Action = service.AuditSignIn
		return ev
	}
	ev.Action = service.AuditGenerate
	if i%4 == 0 {
		ev.Action = service.AuditRevoke
	}
	ev.Service = BenchService
	ev.KeyID = fmt.Sprintf("K%07d", i/2)
	ev.KeyName = fmt.Sprintf("%s %s %d", benchApps[i%len(benchApps)], benchEnvs[i/8%len(benchEnvs)], i/2)
	if i%50_000 == 17 { // a key event (i%100 >= 15) of BenchTiers
		ev.KeyName += " " + RareKeyWord
	}
	return ev
}

// BenchFillAudit appends BenchEvents events through bulk (storetest.AppendAudit's
// multi-row INSERT), in batches.
func BenchFillAudit(b *testing.B, bulk func(ctx context.Context, evs []service.AuditEvent) error) {
	b.Helper()
	start := time.Now()
	batch := make([]service.AuditEvent, 0, 20_000)
	for i := range BenchEvents {
		batch = append(batch, BenchAuditEvent(i))
		if len(batch) == cap(batch) || i == BenchEvents-1 {
			if err := bulk(context.Background(), batch); err != nil {
				b.Fatalf("append events: %v", err)
			}
			batch = batch[:0]
		}
	}
	b.Logf("%d events stored in %v", BenchEvents, time.Since(start).Round(time.Millisecond))
}

// BenchAuditFilters are the journal's criteria the benchmarks time, each restricted
// to the administrator's tiers as the Portal restricts them.
func BenchAuditFilters() []struct {
	Name   string
	Filter service.AuditFilter
} {
	mine := []string{BenchTiers, "10001", "10002", "10003", "10004"}
	mid := benchAuditStart.Add(time.Duration(BenchEvents/2) * 90 * time.Second)
	return []struct {
		Name   string
		Filter service.AuditFilter
	}{
		{"opening", service.AuditFilter{Tiers: mine}},
		{"administrator", service.AuditFilter{Tiers: mine, Login: "admin3"}},
		{"action-signin", service.AuditFilter{Tiers: mine, Action: service.AuditSignIn}},
		{"key-common", service.AuditFilter{Tiers: mine, KeyName: "paie"}},
		{"key-rare", service.AuditFilter{Tiers: mine, KeyName: RareKeyWord}},
		{"key-absent", service.AuditFilter{Tiers: mine, KeyName: AbsentKeyWord}},
		{"period-month", service.AuditFilter{Tiers: mine, From: mid, To: mid.AddDate(0, 1, 0)}},
		{"period-and-admin", service.AuditFilter{Tiers: mine, From: mid, To: mid.AddDate(0, 1, 0), Login: "admin5"}},
		{"middle-page", service.AuditFilter{Tiers: mine, Before: int64(BenchEvents / 2)}},
	}
}

// BenchAuditJournal times, on a store holding the benchmark journal: the first page
// of each criteria (20 queries per iteration; median and 95th percentile in ms), the
// CSV export of every event (seconds, and the growth of the process's resident
// memory in MB over the export), and the verification of the whole chain (seconds);
// beside each duration, the processor time the process used ("cpu-s": the
// database's too for SQLite, which runs in the process; not PostgreSQL's).
func BenchAuditJournal(b *testing.B, s store.Store) {
	for _, bf := range BenchAuditFilters() {
		b.Run("page/"+bf.Name, func(b *testing.B) {
			var times []time.Duration
			rows := 0
			for b.Loop() {
				for range 20 {
					start := time.Now()
					evs, err := s.Audit(b.Context(), bf.Filter)
					times = append(times, time.Since(start))
					if err != nil {
						b.Fatalf("Audit: %v", err)
					}
					rows = len(evs)
				}
			}
			slices.Sort(times)
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			b.ReportMetric(ms(times[len(times)/2]), "ms-median")
			b.ReportMetric(ms(times[len(times)*95/100]), "ms-p95")
			b.ReportMetric(float64(rows), "rows")
		})
	}
	b.Run("scan-baseline", func(b *testing.B) {
		var secs, cpu float64
		for b.Loop() {
			c0 := cpuTime()
			secs = benchScan(b, s)
			cpu = (cpuTime() - c0).Seconds()
		}
		b.ReportMetric(secs, "s")
		b.ReportMetric(cpu, "cpu-s")
	})
	mine := BenchAuditFilters()[0].Filter
	for name, f := range map[string]service.AuditFilter{"export-all": {}, "export-firm": mine} {
		b.Run(name, func(b *testing.B) {
			var secs, growth, cpu float64
			var n int64
			for b.Loop() {
				c0 := cpuTime()
				secs, growth, n = benchExport(b, s, f)
				cpu = (cpuTime() - c0).Seconds()
			}
			b.ReportMetric(secs, "s")
			b.ReportMetric(cpu, "cpu-s")
			b.ReportMetric(growth, "MB-rss-growth")
			b.ReportMetric(float64(n), "lines")
		})
	}
	b.Run("verify", func(b *testing.B) {
		var secs, cpu float64
		var c service.AuditCheck
		for b.Loop() {
			start, c0 := time.Now(), cpuTime()
			var err error
			c, err = store.VerifyAudit(b.Context(), s, nil)
			secs, cpu = time.Since(start).Seconds(), (cpuTime() - c0).Seconds()
			if err != nil || !c.OK() {
				b.Fatalf("VerifyAudit = %+v, %v", c, err)
			}
		}
		b.ReportMetric(secs, "s")
		b.ReportMetric(cpu, "cpu-s")
		b.ReportMetric(float64(c.Events), "events")
	})
}

// benchExport exports f once and returns the seconds it took, the growth of the
// resident memory over the export (sampled every 5 ms) in MB, and the lines written.
func benchExport(b *testing.B, s store.Store, f service.AuditFilter) (secs, growthMB float64, lines int64) {
	runtime.GC()
	debug.FreeOSMemory()
	before := rssBytes()
	var peak atomic.Int64
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if r := rssBytes(); r > peak.Load() {
					peak.Store(r)
				}
			}
		}
	}()
	start := time.Now()
	cw := &countingWriter{}
	err := store.ExportAudit(b.Context(), s, f, nil, cw, time.UTC, nil)
	secs = time.Since(start).Seconds()
	close(done)
	if err != nil {
		b.Fatalf("ExportAudit: %v", err)
	}
	return secs, float64(max(peak.Load(), rssBytes())-before) / (1 << 20), cw.lines
}

// benchScan reads every event's columns straight from the database, doing nothing
// with them: the floor under which neither the export nor the verification can go,
// measured in the same run to give their figures a ratio.
func benchScan(b *testing.B, s store.Store) float64 {
	r, ok := s.(rawDB)
	if !ok {
		b.Fatalf("%T does not expose its database", s)
	}
	start := time.Now()
	rows, err := r.DB().QueryContext(b.Context(), `SELECT id, at, actor, login, action, key_id, key_name, tiers_code, service_id, addr, detail, hash
		FROM audit_events ORDER BY id`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var id, at int64
	var actor, login, action, keyID, keyName, tiers, svc, addr, detail string
	var hash []byte
	for rows.Next() {
		if err := rows.Scan(&id, &at, &actor, &login, &action, &keyID, &keyName, &tiers, &svc, &addr, &detail, &hash); err != nil {
			b.Fatal(err)
		}
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	return time.Since(start).Seconds()
}

// countingWriter drops what it is given, counting lines.
type countingWriter struct{ lines int64 }

func (w *countingWriter) Write(b []byte) (int, error) {
	for _, c := range b {
		if c == '\n' {
			w.lines++
		}
	}
	return len(b), nil
}

var _ io.Writer = (*countingWriter)(nil)

// rssBytes is the process's resident memory (Linux; 0 elsewhere).
func rssBytes() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}
