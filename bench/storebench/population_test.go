package storebench

import (
	"context"
	"crypto/sha256"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// The benchmark population's tiers and service: most keys belong to them, as in a
// firm whose one big client holds every key.
const (
	BenchTiers   = "95963"
	BenchService = "loop-apikey"
	otherService = "paie-api"
	otherFirm    = "77001"
)

// base is the instant the key-life criteria are judged at.
var base = time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)

// Name parts of the benchmark keys.
var (
	benchApps = []string{"Paie", "Comptabilité", "Facturation", "Notes de frais", "Banque", "Immobilisations", "Trésorerie", "Social"}
	benchEnvs = []string{"production", "recette", "développement", "intégration", "secours"}
	benchWho  = []string{"Delhumeau Vincent", "Martin Zoé", "Bernard Élodie", "Petit Hugo", "Durand Inès", "Leroy Chloé", "Moreau Léo", "Roux Théo"}
)

// Search words of the benchmarks, by how many keys they find.
const (
	CommonWord = "PAIE"     // 1 key in 8, at the start of the name
	MediumWord = "girafe"   // 1 key in 1,000
	RareWord   = "éléphant" // 1 key in 50,000
	NoWord     = "zzzz"     // none
)

var crockford = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

// BenchTiersList returns the tiers the benchmark population refers to: the big one and
// four small ones attached to it.
func BenchTiersList() []service.Tiers {
	out := []service.Tiers{{Code: BenchTiers, Name: "FUTUROSCOPE CEDEX"}, {Code: otherFirm, Name: "AUTRE CABINET"}}
	for i := 1; i <= 4; i++ {
		out = append(out, service.Tiers{Code: fmt.Sprintf("1000%d", i), Name: fmt.Sprintf("CLIENT %d", i), AttachedTo: BenchTiers})
	}
	return out
}

// BenchCatalogue returns the catalogue the benchmark population refers to.
func BenchCatalogue() service.Catalogue {
	return service.Catalogue{
		Categories: []string{"Services en ligne", "Paie"},
		Entries: []service.CatalogueEntry{
			{ID: BenchService, Name: "Loop APIkey", Category: "Services en ligne", Description: "Clés d'API de Loop", AcceptsKeys: true},
			{ID: otherService, Name: "Paie API", Category: "Paie", Description: "Bulletins", AcceptsKeys: true},
		},
	}
}

// BenchSeed stores what the benchmark population refers to: its tiers, the catalogue
// and an administrator of BenchTiers with that login.
func BenchSeed(b *testing.B, s store.Store, login string) {
	b.Helper()
	ctx := context.Background()
	for _, t := range BenchTiersList() {
		if err := s.AddTiers(ctx, t); err != nil {
			b.Fatalf("AddTiers: %v", err)
		}
	}
	if err := s.PutCatalogue(ctx, BenchCatalogue()); err != nil {
		b.Fatalf("PutCatalogue: %v", err)
	}
	admin := store.Admin{Login: login, Name: "Delhumeau Vincent", SICCode: BenchTiers, Tiers: []string{BenchTiers}}
	if err := s.PutAdmin(ctx, admin); err != nil {
		b.Fatalf("PutAdmin: %v", err)
	}
}

// BenchKey returns the i-th key of a deterministic benchmark population: 98% in
// BenchTiers/BenchService, names like "Paie production 123", eight creators, one key
// in ten revoked, creation times spread over three years with some ties.
func BenchKey(i int) store.KeyRecord {
	rng := rand.New(rand.NewPCG(uint64(i), 0x5e5a3e))
	var raw [10]byte
	binary.BigEndian.PutUint64(raw[:8], rng.Uint64())
	binary.BigEndian.PutUint16(raw[8:], uint16(rng.Uint32()))
	enc := crockford.EncodeToString(raw[:])
	var secret [32]byte
	binary.BigEndian.PutUint64(secret[:], rng.Uint64())
	binary.BigEndian.PutUint64(secret[8:], rng.Uint64())
	digest := sha256.Sum256(secret[:])

	tiers, svc := BenchTiers, BenchService
	if r := rng.IntN(100); r < 2 {
		tiers = fmt.Sprintf("1000%d", 1+r*2+rng.IntN(2))
		svc = []string{BenchService, otherService}[rng.IntN(2)]
	}
	name := fmt.Sprintf("%s %s %d", benchApps[i%len(benchApps)], benchEnvs[rng.IntN(len(benchEnvs))], i)
	switch {
	case i%50_000 == 7:
		name = fmt.Sprintf("Éléphant %d", i)
	case i%1000 == 11:
		name = fmt.Sprintf("%s %s Girafe", benchEnvs[rng.IntN(len(benchEnvs))], name)
	}
	created := base.Add(-time.Duration(rng.IntN(3*365*24*60)) * time.Minute) // ties by the minute
	k := service.Key{
		ID: enc[0:4] + "-" + enc[4:8] + "-" + enc[8:12] + "-" + enc[12:16], Tiers: tiers, Service: svc, Name: name,
		CreatedAt: created, CreatedBy: benchWho[rng.IntN(len(benchWho))], Status: service.StatusActive,
		SecretHint: "ssk_" + enc[4:8] + "…",
	}
	if i%10 == 3 {
		k.Status, k.RevokedBy, k.RevokedAt = service.StatusRevoked, benchWho[0], created.Add(time.Hour)
	}
	// A key's life, drawn last so that the fields above stay as they were: 6 keys in
	// 10 expire one to three years after their creation (some have), 7 in 10 were
	// used, last within 400 days of base.
	if rng.IntN(10) < 6 {
		k.ExpiresAt = created.Add(time.Duration(365+rng.IntN(2*365)) * 24 * time.Hour)
	}
	if rng.IntN(10) < 7 {
		k.LastUsedAt = base.Add(-time.Duration(rng.IntN(400*24*60)) * time.Minute)
		if k.LastUsedAt.Before(created) {
			k.LastUsedAt = created.Add(time.Hour)
		}
		k.LastUsedFrom = fmt.Sprintf("203.0.113.%d", rng.IntN(250))
	}
	return store.KeyRecord{Key: k, Digest: digest[:]}
}

// BenchFilter is one timed query of the keys window.
type BenchFilter struct {
	Name   string
	Filter service.KeyFilter
	Pages  int // the page timed: 1 for the first
}

// BenchFilters returns the criteria the benchmarks time: the window as it opens, the
// full criteria (tiers, service, status, name contains) with every sort in both
// directions, names found in 1 key in 1,000, 50,000 or none, and pages 50 and 500.
func BenchFilters() []BenchFilter {
	active := []service.KeyStatus{service.StatusActive}
	out := []BenchFilter{{Name: "opening", Filter: service.KeyFilter{}}}
	sorts := []service.KeySortField{service.SortCreatedAt, service.SortName, service.SortCreator, service.SortStatus}
	for _, sort := range sorts {
		for _, desc := range []bool{false, true} {
			out = append(out, BenchFilter{
				Name:   fmt.Sprintf("common/%s/desc=%v", sort, desc),
				Filter: service.KeyFilter{Statuses: active, NameContains: CommonWord, Sort: sort, Descending: desc},
			})
		}
	}
	// The common word with a status few or no keys have, by name: the keys holding
	// the word must all be looked at to find the few that match.
	for _, st := range []service.KeyStatus{service.StatusRevoked, service.StatusSuspended} {
		out = append(out, BenchFilter{
			Name:   fmt.Sprintf("common/name/%s", st),
			Filter: service.KeyFilter{Statuses: []service.KeyStatus{st}, NameContains: CommonWord, Sort: service.SortName},
		})
	}
	for _, word := range []string{MediumWord, RareWord, NoWord} {
		label := map[string]string{MediumWord: "medium", RareWord: "rare", NoWord: "none"}[word]
		for _, sort := range sorts {
			out = append(out, BenchFilter{
				Name:   fmt.Sprintf("%s/%s", label, sort),
				Filter: service.KeyFilter{Statuses: active, NameContains: word, Sort: sort, Descending: sort == service.SortCreatedAt},
			})
		}
	}
	// A key's life, judged at base: "Expirée", "Expire avant le" (the warning's 30
	// days), "Inutilisée depuis plus de N jours", and the "Dernière utilisation" sort.
	life := []BenchFilter{
		{Name: "life/expired", Filter: service.KeyFilter{Statuses: []service.KeyStatus{service.StatusExpired}, Sort: service.SortCreatedAt, Descending: true}},
		{Name: "life/expiring30", Filter: service.KeyFilter{Statuses: active, ExpiresBefore: base.Add(service.ExpiryWarning), Sort: service.SortCreatedAt, Descending: true}},
		{Name: "life/unused90", Filter: service.KeyFilter{Statuses: active, UnusedDays: 90, Sort: service.SortCreatedAt, Descending: true}},
		// The same criteria with the other sorts: a time criterion sorted by date finds
		// its matches far along the sort's order, or at its start.
		{Name: "life/expired/created_at/asc", Filter: service.KeyFilter{Statuses: []service.KeyStatus{service.StatusExpired}, Sort: service.SortCreatedAt}},
		{Name: "life/expired/name", Filter: service.KeyFilter{Statuses: []service.KeyStatus{service.StatusExpired}, Sort: service.SortName}},
		{Name: "life/expired/name/desc", Filter: service.KeyFilter{Statuses: []service.KeyStatus{service.StatusExpired}, Sort: service.SortName, Descending: true}},
		{Name: "life/expiring30/name", Filter: service.KeyFilter{Statuses: active, ExpiresBefore: base.Add(service.ExpiryWarning), Sort: service.SortName}},
		{Name: "life/unused90/created_at/asc", Filter: service.KeyFilter{Statuses: active, UnusedDays: 90, Sort: service.SortCreatedAt}},
		{Name: "life/unused90/name/desc", Filter: service.KeyFilter{Statuses: active, UnusedDays: 90, Sort: service.SortName, Descending: true}},
		{Name: "life/unused365/last_used", Filter: service.KeyFilter{UnusedDays: 365, Sort: service.SortLastUsed}},
		{Name: "life/last_used/asc", Filter: service.KeyFilter{Sort: service.SortLastUsed}},
		{Name: "life/last_used/desc", Filter: service.KeyFilter{Statuses: active, Sort: service.SortLastUsed, Descending: true}},
	}
	for i := range life {
		life[i].Filter.Now = base
	}
	out = append(out, life...)
	out = append(out,
		BenchFilter{Name: "page50/created_at", Filter: service.KeyFilter{Sort: service.SortCreatedAt, Descending: true}, Pages: 50},
		BenchFilter{Name: "page500/name", Filter: service.KeyFilter{Sort: service.SortName}, Pages: 500})
	for i := range out {
		out[i].Filter.Tiers, out[i].Filter.Service = BenchTiers, BenchService
		now := out[i].Filter.Now
		out[i].Filter = out[i].Filter.Normalized()
		out[i].Filter.Now = now
		out[i].Pages = max(out[i].Pages, 1)
	}
	return out
}

// BenchListKeys times list (a store's or a Portal's ListKeys) on every BenchFilter and
// reports, beside ns/op, the median and 95th percentile in milliseconds, and the
// median processor time of the process (SQLite's work included, PostgreSQL's not),
// which a busy machine does not inflate as it does the durations. A first page
// is timed as the window asks for it, without its count, and its count alone as
// "NAME/count": what the window asks for next, in the background.
func BenchListKeys(b *testing.B, list func(b *testing.B, f service.KeyFilter) (service.KeyPage, error)) {
	for _, bf := range countApart(BenchFilters()) {
		b.Run(bf.Name, func(b *testing.B) {
			f := bf.Filter
			for p := 1; p < bf.Pages; p++ {
				page, err := list(b, f)
				if err != nil || page.Next == "" {
					b.Fatalf("reaching page %d: %v (next %q)", bf.Pages, err, page.Next)
				}
				f.Cursor = page.Next
			}
			var times, cpu []time.Duration
			rows, counted := 0, -1.0
			for b.Loop() {
				start, c0 := time.Now(), cpuTime()
				page, err := list(b, f)
				times, cpu = append(times, time.Since(start)), append(cpu, cpuTime()-c0)
				if err != nil {
					b.Fatalf("ListKeys: %v", err)
				}
				rows = len(page.Keys)
				counted = countMetric(page.Count)
			}
			slices.Sort(times)
			slices.Sort(cpu)
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			b.ReportMetric(ms(times[len(times)/2]), "ms-median")
			b.ReportMetric(ms(times[len(times)*95/100]), "ms-p95")
			b.ReportMetric(ms(cpu[len(cpu)/2]), "cpu-ms-median")
			b.ReportMetric(float64(rows), "rows")
			b.ReportMetric(counted, "counted")
		})
	}
}

// countApart returns the benchmark's filters as the keys window asks for them: each
// first page without its count (NoCount), followed by its count asked for alone
// ("NAME/count", CountOnly), which the window waits for in the background.
func countApart(fs []BenchFilter) []BenchFilter {
	var out []BenchFilter
	for _, bf := range fs {
		if bf.Pages != 1 {
			out = append(out, bf)
			continue
		}
		bf.Filter.NoCount = true
		out = append(out, bf)
		bf.Name += "/count"
		bf.Filter.NoCount, bf.Filter.CountOnly = false, true
		out = append(out, bf)
	}
	return out
}

// countMetric is a page's count as a benchmark figure: -1 without one, N+1 for "more
// than N".
func countMetric(c *service.KeyCount) float64 {
	switch {
	case c == nil:
		return -1
	case c.More:
		return float64(c.N + 1)
	}
	return float64(c.N)
}
