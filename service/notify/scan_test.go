package notify_test

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/notify"
	"sesame/service/store"
	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
	"sesame/service/store/sqlite"
)

// addKey stores an active key of tiers 10042 expiring at exp (never when zero).
func addKey(t *testing.T, st store.Store, name string, at, exp time.Time) service.Key {
	t.Helper()
	creds, err := service.NewCredentials()
	if err != nil {
		t.Fatal(err)
	}
	k := store.KeyRecord{Key: service.Key{ID: creds.Identifier, Tiers: "10042", Service: "loop-apikey", Name: name,
		CreatedAt: at, CreatedBy: "Martin Zoé", Status: service.StatusActive, ExpiresAt: exp,
		SecretHint: service.SecretHint(creds.Secret)}, Digest: service.SecretDigest(creds.Secret)}
	if err := st.InsertKey(context.Background(), k, service.AuditEvent{At: at, Actor: "Martin Zoé", Login: "zmartin",
		Action: service.AuditGenerate, KeyID: k.ID, KeyName: name, Tiers: k.Tiers, Service: k.Service}); err != nil {
		t.Fatal(err)
	}
	return k.Key
}

// Two replicas scanning at once, on SQLite and on PostgreSQL, enqueue each event
// once: a suspension, a policy change, a seal of the journal, and keys entering
// their 30, 7 and 1 days before expiry, each threshold once; what happened before
// the first scan is not told.
func TestScanOncePerEventAcrossReplicas(t *testing.T) {
	for name, open := range map[string]func(t *testing.T) [2]notify.Store{
		"sqlite": func(t *testing.T) [2]notify.Store {
			path := filepath.Join(t.TempDir(), "sesame.db")
			var out [2]notify.Store
			for i := range out {
				st, err := sqlite.Open(context.Background(), path)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { _ = st.Close() })
				out[i] = st
			}
			return out
		},
		"postgres": func(t *testing.T) [2]notify.Store {
			url := pgtest.FreshDatabase(t)
			var out [2]notify.Store
			for i := range out {
				st, err := postgres.Open(context.Background(), url)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { _ = st.Close() })
				out[i] = st
			}
			return out
		},
	} {
		t.Run(name, func(t *testing.T) { testScanReplicas(t, open(t)) })
	}
}

func testScanReplicas(t *testing.T, sts [2]notify.Store) {
	ctx := context.Background()
	st := sts[0]
	seedFirm(t, st)
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	c := &clock{t: now}
	if err := st.PutNotifyChoice(ctx, store.NotifyChoice{Login: "zmartin", Firm: "95963", Email: "zoe@cabinet.fr", Language: "fr", Kinds: service.NotifyKinds}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutNotifyChoice(ctx, store.NotifyChoice{Login: "autre", Firm: "77001", Email: "a@autre.fr", Language: "fr", Kinds: []service.NotifyKind{service.NotifyJournalSealed}}); err != nil {
		t.Fatal(err)
	}
	day := 24 * time.Hour
	before := addKey(t, st, "Avant", now.Add(-time.Hour), time.Time{})
	if _, err := st.SuspendKey(ctx, before.ID, service.Suspension{At: now, By: "Martin Zoé", Reason: "avant"},
		service.AuditEvent{At: now, Actor: "Martin Zoé", Action: service.AuditSuspend, KeyID: before.ID, KeyName: before.Name, Tiers: before.Tiers}); err != nil {
		t.Fatal(err)
	}
	replicas := []*notify.Notifier{
		notify.New(notify.Config{Store: sts[0], Open: nil, Now: c.Now}),
		notify.New(notify.Config{Store: sts[1], Open: nil, Now: c.Now}),
	}
	scanBoth := func() {
		t.Helper()
		var wg sync.WaitGroup
		for _, n := range replicas {
			wg.Go(func() {
				if err := n.Scan(ctx); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	}
	seal := func() {
		sk, _ := service.NewSealKey(make([]byte, 32))
		if _, _, err := st.SealAudit(ctx, store.SealRequest{At: c.Now(), Sign: sk.Sign}); err != nil {
			t.Fatal(err)
		}
	}
	seal()
	scanBoth() // the first scan: the present, nothing of the past
	scanBoth()
	if ds, _ := st.Deliveries(ctx, "95963", "", 50); len(ds) != 0 {
		t.Fatalf("told of the past: %+v", ds)
	}

	in5 := addKey(t, st, "Dans cinq jours", now, now.Add(5*day))
	in20 := addKey(t, st, "Dans vingt jours", now, now.Add(20*day))
	in12h := addKey(t, st, "Dans douze heures", now, now.Add(12*time.Hour))
	addKey(t, st, "Dans deux mois", now, now.Add(60*day))
	if _, err := st.SuspendKey(ctx, in12h.ID, service.Suspension{At: now, By: "Signalement de fuite", Reason: "exposé"},
		service.AuditEvent{At: now, Actor: "Signalement de fuite", Action: service.AuditSuspend, KeyID: in12h.ID, KeyName: in12h.Name, Tiers: in12h.Tiers, Detail: "exposé"}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetKeyPolicy(ctx, "95963", service.KeyPolicy{MaxLifetimeDays: 90},
		service.AuditEvent{At: now, Actor: "Martin Zoé", Action: service.AuditPolicy, Tiers: "95963", Detail: "90"}); err != nil {
		t.Fatal(err)
	}
	seal()
	for range 2 {
		scanBoth()
	}
	kinds := func(firm string) map[string]int {
		ds, err := st.Deliveries(ctx, firm, "", 50)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, d := range ds {
			out[string(d.Kind)+"/"+d.Target]++
		}
		return out
	}
	got := kinds("95963")
	want := map[string]int{
		"key.suspended/zoe@cabinet.fr":       1,
		"firm.policy_changed/zoe@cabinet.fr": 1,
		"journal.sealed/zoe@cabinet.fr":      1,
	}
	ds, _ := st.Deliveries(ctx, "95963", "", 50)
	var expiring []string
	for _, d := range ds {
		if d.Kind == service.NotifyKeyExpiring {
			expiring = append(expiring, d.EventID)
		}
	}
	for k, n := range want {
		if got[k] != n {
			t.Fatalf("deliveries %v, want %s once", got, k)
		}
	}
	if other := kinds("77001"); other["journal.sealed/a@autre.fr"] != 1 || len(other) != 1 {
		t.Fatalf("the other firm's deliveries: %v", other)
	}
	wantIDs := func(keys ...string) {
		t.Helper()
		slices.Sort(expiring)
		slices.Sort(keys)
		if !slices.Equal(expiring, keys) {
			t.Fatalf("expiry notifications %v, want %v", expiring, keys)
		}
	}
	exp := func(k service.Key, days int, at time.Time) string {
		return "expiry:" + k.ID + ":" + itoa(days) + ":" + itoa(int(at.UnixMicro()))
	}
	wantIDs(exp(in5, 7, in5.ExpiresAt), exp(in20, 30, in20.ExpiresAt))

	// Four days later: the 5-day key enters its last day, told once; the others
	// are told nothing new.
	c.Set(now.Add(4*day + time.Hour))
	for range 2 {
		scanBoth()
	}
	ds, _ = st.Deliveries(ctx, "95963", "", 50)
	expiring = nil
	for _, d := range ds {
		if d.Kind == service.NotifyKeyExpiring {
			expiring = append(expiring, d.EventID)
		}
	}
	wantIDs(exp(in5, 7, in5.ExpiresAt), exp(in20, 30, in20.ExpiresAt), exp(in5, 1, in5.ExpiresAt))

	// A seal a firm asked for is that firm's activity: told to its administrators,
	// not to another firm's, who are told of the server's daily seals only.
	sk, _ := service.NewSealKey(make([]byte, 32))
	ev := service.AuditEvent{At: c.Now(), Actor: "Martin Zoé", Login: "zmartin", Action: service.AuditSealHead, Tiers: "95963"}
	if _, made, err := st.SealAudit(ctx, store.SealRequest{Firm: "95963", At: c.Now(), Event: &ev, Sign: sk.Sign}); err != nil || !made {
		t.Fatalf("the firm's seal: %v, %v", made, err)
	}
	for range 2 {
		scanBoth()
	}
	if got := kinds("95963"); got["journal.sealed/zoe@cabinet.fr"] != 2 {
		t.Errorf("the firm's deliveries after its own seal: %v; want the daily seal and its own", got)
	}
	if other := kinds("77001"); other["journal.sealed/a@autre.fr"] != 1 || len(other) != 1 {
		t.Errorf("the other firm's deliveries after the firm's own seal: %v; want the daily seal only", other)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
