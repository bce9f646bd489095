package storetest

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// The words key names are made of: accents and case that fold together, LIKE
// metacharacters, quotes, SQL and markup.
var nameWords = []string{
	"Élève", "eleve", "ÉLÈVE", "Zèbre", "apple", "Banane", "œuvre", "Ångström",
	"100% sûr", "a_b", "axb", `C:\dossier`, `C:xdossier`, "l'été", "<b>gras</b>",
	"Robert'); DROP TABLE api_keys;--", "zèle", "Zoo",
}

// Creators in several cases and accents, so that byte-wise order shows.
var creators = []string{"alice", "Bob", "Émile", "émile", "Zoé", "bob", "Élodie"}

// populationSize is the number of keys of firm/loop that population stores.
const populationSize = 250

// population stores 250 keys of firm/loop in a shuffled order: created three by three
// at the same instant, names that fold two by two to the same text, several creators,
// every fifth key revoked. Keys of other tiers and services, some with the same
// names, are stored too and must never show in a listing of firm/loop. It returns the
// 250 keys as the store should return them.
func population(t *testing.T, s store.Store) []service.Key {
	t.Helper()
	seed(t, s)
	keys := make([]store.KeyRecord, populationSize)
	for i := range keys {
		// i and i+1 share a number: "Élève 000" and "eleve 000" fold alike.
		name := fmt.Sprintf("%s %03d", nameWords[i%len(nameWords)], i/2)
		keys[i] = newKey(t, firm, loop, name, base.Add(time.Duration(i/3)*time.Minute))
		keys[i].CreatedBy = creators[i%len(creators)]
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, i := range rng.Perm(len(keys)) {
		insert(t, s, keys[i])
	}
	out := make([]service.Key, len(keys))
	for i, k := range keys {
		out[i] = k.Key
		if i%5 == 0 {
			out[i] = revoke(t, s, k.Key, base.Add(1000*time.Hour+time.Duration(i)*time.Second))
		}
	}
	for i, tiersSvc := range [][2]string{{attached, loop}, {firm, paie}, {other, loop}} {
		insert(t, s, newKey(t, tiersSvc[0], tiersSvc[1], keys[i].Name, base))
		insert(t, s, newKey(t, tiersSvc[0], tiersSvc[1], "Ailleurs", base))
	}
	return out
}

// expected is what ListKeys must return for f over all, every page joined: the
// filter applied in Go, sorted byte-wise by the sort column then the identifier.
func expected(all []service.Key, f service.KeyFilter) []service.Key {
	q := service.FoldName(f.NameContains)
	var out []service.Key
	for _, k := range all {
		if !f.Now.IsZero() {
			k = k.At(f.Now)
		}
		if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, k.Status) {
			continue
		}
		if !strings.Contains(service.FoldName(k.Name), q) {
			continue
		}
		if !f.ExpiresBefore.IsZero() && (k.ExpiresAt.IsZero() || !k.ExpiresAt.Before(f.ExpiresBefore)) {
			continue
		}
		if f.NoExpiry && !k.ExpiresAt.IsZero() {
			continue
		}
		if f.GraceOverDays > 0 && (!k.OldSecret.Live(f.Now) || !k.RenewedAt.Before(f.Now.Add(-time.Duration(f.GraceOverDays)*24*time.Hour))) {
			continue
		}
		if f.UnusedDays > 0 {
			seen := k.LastUsedAt
			if seen.IsZero() {
				seen = k.CreatedAt
			}
			if !seen.Before(f.Now.Add(-time.Duration(f.UnusedDays) * 24 * time.Hour)) {
				continue
			}
		}
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b service.Key) int {
		var c int
		switch f.Sort {
		case service.SortName:
			c = strings.Compare(service.FoldName(a.Name), service.FoldName(b.Name))
		case service.SortCreator:
			c = strings.Compare(a.CreatedBy, b.CreatedBy)
		case service.SortStatus:
			c = strings.Compare(string(a.Status), string(b.Status))
		case service.SortLastUsed:
			c = cmp.Compare(microsOrZero(a.LastUsedAt), microsOrZero(b.LastUsedAt))
		default:
			c = cmp.Compare(a.CreatedAt.UnixMicro(), b.CreatedAt.UnixMicro())
		}
		if c == 0 {
			c = strings.Compare(a.ID, b.ID)
		}
		if f.Descending {
			c = -c
		}
		return c
	})
	return out
}

// listAll follows the cursors from the first page to the last and joins the pages,
// checking that every page but the last is full and that the last says so.
func listAll(t *testing.T, s store.Store, f service.KeyFilter) []service.Key {
	t.Helper()
	f.Cursor = ""
	var out []service.Key
	var count countSeen
	for pages := 1; ; pages++ {
		page, err := s.ListKeys(t.Context(), f)
		if err != nil {
			t.Fatalf("ListKeys %s page %d: %v", describe(f), pages, err)
		}
		count.see(t, f, pages, page)
		switch {
		case len(page.Keys) > f.Limit:
			t.Fatalf("ListKeys %s page %d: %d keys, limit %d", describe(f), pages, len(page.Keys), f.Limit)
		case page.Next != "" && len(page.Keys) < f.Limit:
			t.Fatalf("ListKeys %s page %d: %d keys and a next page", describe(f), pages, len(page.Keys))
		case pages > 1 && len(page.Keys) == 0:
			t.Fatalf("ListKeys %s page %d: empty page after a cursor", describe(f), pages)
		case pages > 2000:
			t.Fatalf("ListKeys %s: no end after %d pages", describe(f), pages)
		}
		out = append(out, page.Keys...)
		if page.Next == "" {
			count.check(t, f, len(out))
			count.checkAlone(t, s, f) // with the last page's cursor, which it ignores
			return out
		}
		f.Cursor = page.Next
	}
}

func describe(f service.KeyFilter) string {
	return fmt.Sprintf("(sort %s desc=%v limit %d statuses %v name %q no expiry %v grace over %d days)", f.Sort, f.Descending, f.Limit, f.Statuses, f.NameContains, f.NoExpiry, f.GraceOverDays)
}

// checkList fails unless got is want, key for key, in order.
func checkList(t *testing.T, f service.KeyFilter, got, want []service.Key) {
	t.Helper()
	for i := 0; i < len(got) && i < len(want); i++ {
		if got[i].ID != want[i].ID {
			t.Fatalf("ListKeys %s: row %d is %q (%s), want %q (%s)", describe(f), i, got[i].Name, got[i].ID, want[i].Name, want[i].ID)
		}
		if d := keyDiff(got[i], want[i]); d != "" {
			t.Fatalf("ListKeys %s: row %d differs:%s", describe(f), i, d)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("ListKeys %s: %d keys, want %d", describe(f), len(got), len(want))
	}
}

// testListSorts: every sort field in both directions, paged in several sizes, returns
// every key of the tiers and service once, in byte-wise order with the identifier
// breaking ties.
func testListSorts(t *testing.T, s store.Store) {
	all := population(t, s)
	for _, sort := range []service.KeySortField{service.SortCreatedAt, service.SortName, service.SortCreator, service.SortStatus} {
		for _, desc := range []bool{false, true} {
			for _, limit := range []int{7, 50, service.MaxPageSize} {
				f := service.KeyFilter{Tiers: firm, Service: loop, Sort: sort, Descending: desc, Limit: limit}.Normalized()
				checkList(t, f, listAll(t, s, f), expected(all, f))
			}
		}
	}
	// No sort given: newest first, one default page and a cursor.
	f := service.KeyFilter{Tiers: firm, Service: loop}.Normalized()
	page, err := s.ListKeys(t.Context(), f)
	if err != nil {
		t.Fatalf("ListKeys with defaults: %v", err)
	}
	want := expected(all, service.KeyFilter{Sort: service.SortCreatedAt, Descending: true})
	checkList(t, f, page.Keys, want[:service.DefaultPageSize])
	if page.Next == "" {
		t.Fatalf("ListKeys with defaults: no cursor after %d of %d keys", len(page.Keys), len(all))
	}
}

// testListStatus: the status criterion keeps active or revoked keys; both or none
// checked means all of them.
func testListStatus(t *testing.T, s store.Store) {
	all := population(t, s)
	counts := map[string]int{}
	for _, st := range [][]service.KeyStatus{
		{service.StatusActive}, {service.StatusRevoked},
		{service.StatusActive, service.StatusRevoked}, nil,
	} {
		f := service.KeyFilter{Tiers: firm, Service: loop, Statuses: st, Limit: 40}.Normalized()
		got := listAll(t, s, f)
		checkList(t, f, got, expected(all, f))
		for _, k := range got {
			if len(st) == 1 && k.Status != st[0] {
				t.Fatalf("ListKeys(status %v) returned %q with status %s", st, k.Name, k.Status)
			}
		}
		counts[fmt.Sprint(st)] = len(got)
	}
	want := populationSize / 5
	if counts["[revoked]"] != want || counts["[active]"] != populationSize-want || counts["[]"] != populationSize {
		t.Fatalf("keys per status = %v; want %d revoked of %d", counts, want, populationSize)
	}
}

// testListCombined: criteria, sort and paging together.
func testListCombined(t *testing.T, s store.Store) {
	all := population(t, s)
	for _, f := range []service.KeyFilter{
		{Statuses: []service.KeyStatus{service.StatusActive}, NameContains: "ELEVE", Sort: service.SortName, Descending: true, Limit: 9},
		{Statuses: []service.KeyStatus{service.StatusRevoked}, NameContains: "0", Sort: service.SortCreator, Limit: 4},
		{Statuses: []service.KeyStatus{service.StatusActive}, NameContains: "e", Sort: service.SortStatus, Descending: true, Limit: 13},
		{NameContains: "ZE", Sort: service.SortCreatedAt, Limit: 3},
	} {
		f.Tiers, f.Service = firm, loop
		f = f.Normalized()
		want := expected(all, f)
		if len(want) < 2*f.Limit {
			t.Fatalf("fixture too small for %s: %d keys", describe(f), len(want))
		}
		checkList(t, f, listAll(t, s, f), want)
	}
}

// testListBadCursor: a cursor from another sort or direction, or no cursor at all, is
// EINVALID rather than a wrong page.
func testListBadCursor(t *testing.T, s store.Store) {
	ctx := t.Context()
	seed(t, s)
	for i := range 12 {
		insert(t, s, newKey(t, firm, loop, fmt.Sprintf("Clé %02d", i), base.Add(time.Duration(i)*time.Second)))
	}
	f := service.KeyFilter{Tiers: firm, Service: loop, Sort: service.SortName, Limit: 5}.Normalized()
	page, err := s.ListKeys(ctx, f)
	if err != nil || page.Next == "" {
		t.Fatalf("ListKeys first page = %+v, %v; want a cursor", page, err)
	}
	for _, bad := range []service.KeyFilter{
		{Sort: service.SortCreatedAt, Cursor: page.Next},
		{Sort: service.SortName, Descending: true, Cursor: page.Next},
		{Sort: service.SortCreator, Cursor: page.Next},
		{Sort: service.SortStatus, Cursor: page.Next},
		{Sort: service.SortName, Cursor: "not a cursor"},
		{Sort: service.SortName, Cursor: page.Next[:len(page.Next)/2]},
	} {
		bad.Tiers, bad.Service, bad.Limit = firm, loop, 5
		_, err := s.ListKeys(ctx, bad.Normalized())
		wantCode(t, err, service.EINVALID, "ListKeys "+describe(bad)+" with a foreign cursor")
	}
	f.Cursor = page.Next
	if next, err := s.ListKeys(ctx, f); err != nil || len(next.Keys) != 5 || next.Keys[0].Name != "Clé 05" {
		t.Fatalf("second page = %+v, %v; want Clé 05 first", next, err)
	}
}

func microsOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}
