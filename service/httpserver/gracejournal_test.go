package httpserver_test

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/api"
)

// TestGraceRanOutIsJournaledOnce: on a fake clock, a fixed grace and a "first use
// plus 24 h" grace run out; administrators reading the journal two days later, many
// at once, each find both ends written once, dated when each grace ended (not when it
// was noticed), with no administrator, and the chain whole.
func TestGraceRanOutIsJournaledOnce(t *testing.T) {
	e, clock, p := newClockEnv(t)
	ctx := context.Background()
	t0 := clock.Now()
	fixed, err := p.Generate(ctx, service.GenerateRequest{Tiers: tiersA, Service: serviceLoop, Name: "Synchro fixe"})
	if err != nil {
		t.Fatal(err)
	}
	renew(t, p, fixed.Key.ID, service.GraceHour)
	firstUse, err := p.Generate(ctx, service.GenerateRequest{Tiers: tiersA, Service: serviceLoop, Name: "Synchro banque"})
	if err != nil {
		t.Fatal(err)
	}
	n := renew(t, p, firstUse.Key.ID, service.GraceFirstUse)
	first := t0.Add(2 * time.Hour)
	clock.Set(first)
	if !e.accepted(firstUse.Key.ID, n.Credentials.Secret) {
		t.Fatal("new secret refused")
	}
	if err := e.srv.Close(ctx); err != nil { // writes the first use
		t.Fatal(err)
	}
	e.start(clockConfig(clock))

	clock.Set(t0.Add(48 * time.Hour))
	_, tok := e.signIn(loginA, e.passwordA)
	var wg sync.WaitGroup
	pages := make([]api.AuditPage, 8)
	statuses := make([]int, len(pages))
	for i := range pages {
		wg.Go(func() {
			status, _, body := e.do("GET", "/v1/audit?action=end-grace", tok.AccessToken, nil)
			statuses[i] = status
			if status == http.StatusOK && json.Unmarshal(body, &pages[i]) != nil {
				statuses[i] = -1
			}
		})
	}
	wg.Wait()
	for i, p := range pages {
		evs := p.Events
		if statuses[i] != http.StatusOK || len(evs) != 2 {
			t.Fatalf("reader %d: %d, %d ends of grace: %+v; want 2", i, statuses[i], len(evs), evs)
		}
		if evs[0].KeyID != firstUse.Key.ID || !evs[0].At.Equal(first.Add(service.FirstUseGrace)) ||
			evs[1].KeyID != fixed.Key.ID || !evs[1].At.Equal(t0.Add(time.Hour)) {
			t.Fatalf("reader %d: ends %+v; want the first-use key's at %v, then the fixed one's at %v",
				i, evs, first.Add(service.FirstUseGrace), t0.Add(time.Hour))
		}
		for _, ev := range evs {
			if ev.Actor != "" || ev.Login != "" || ev.Detail != service.AuditDetailGraceRanOut || ev.KeyName == "" {
				t.Fatalf("reader %d: end of grace %+v; want no administrator and the detail %q", i, ev, service.AuditDetailGraceRanOut)
			}
		}
	}
	status, _, body := e.do("GET", "/v1/audit/verify", tok.AccessToken, nil)
	var c api.AuditCheck
	if status != http.StatusOK || json.Unmarshal(body, &c) != nil || c.Problem != "" || c.Events != c.HeadSeq {
		t.Fatalf("verify after the ends of grace: %d %s", status, body)
	}
}
