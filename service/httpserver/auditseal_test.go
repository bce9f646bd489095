package httpserver_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/api"
	"sesame/service/store/storetest"
)

// TestAuditSeals, on SQLite and PostgreSQL: the server's periodic round seals the
// journal's head once a day (fake clock), an administrator seals it on demand
// (journaled, for their firm only), /v1/audit/verify checks the seals and tells each
// firm where those covering its events stop among them, and an event
// rewritten directly in the database with every hash recomputed is found by every
// firm's verification, naming the sealed event and the seal's date.
func TestAuditSeals(t *testing.T) {
	onBothStoresAt(t, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), func(t *testing.T, clock *fakeClock, e *env) {
		ctx := context.Background()
		check := e.verifyAudit
		_, tokA := e.signIn(loginA, e.passwordA)
		e.generate(tokA.AccessToken, tiersA, "Banque")
		if c := check(tokA.AccessToken); !c.OK() || c.Seals != 0 {
			t.Fatalf("verify before any seal: %+v", c)
		}

		day1 := clock.Now()
		e.srv.Housekeeping(ctx)
		seals, err := e.st.AuditSeals(ctx)
		if err != nil || len(seals) != 1 || seals[0].Seq != 2 || seals[0].Firm != "" || !seals[0].At.Equal(day1) {
			t.Fatalf("seals after the first round: %+v, %v", seals, err)
		}
		if !strings.Contains(e.logs.String(), "journal head sealed") {
			t.Fatal("the daily seal is not logged")
		}
		e.generate(tokA.AccessToken, tiersA, "Paie")
		clock.Advance(time.Hour)
		e.srv.Housekeeping(ctx)
		if seals, _ := e.st.AuditSeals(ctx); len(seals) != 1 {
			t.Fatalf("sealed again within the day: %+v", seals)
		}
		clock.Advance(23 * time.Hour)
		e.srv.Housekeeping(ctx)
		seals, _ = e.st.AuditSeals(ctx)
		if len(seals) != 2 || seals[1].Seq != 3 || !seals[1].At.Equal(day1.Add(24*time.Hour)) {
			t.Fatalf("seals a day later: %+v", seals)
		}
		e.srv.Housekeeping(ctx)
		if seals, _ := e.st.AuditSeals(ctx); len(seals) != 2 {
			t.Fatalf("an unchanged head sealed twice: %+v", seals)
		}

		_, tokA = e.signIn(loginA, e.passwordA)
		_, tokB := e.signIn(loginB, e.passwordB)
		a, b := tokA.AccessToken, tokB.AccessToken
		status, _, body := e.do("POST", "/v1/audit/seal", a, nil)
		var se api.AuditSeal
		if status != http.StatusOK || json.Unmarshal(body, &se) != nil || se.Seq != 6 || !se.At.Equal(clock.Now()) || len(se.Hash) != 64 {
			t.Fatalf("POST /v1/audit/seal: %d %s", status, body)
		}
		var pa, pb api.AuditPage
		_, _, body = e.do("GET", "/v1/audit?action=seal", a, nil)
		_, _, bodyB := e.do("GET", "/v1/audit?action=seal", b, nil)
		if json.Unmarshal(body, &pa) != nil || len(pa.Events) != 1 || pa.Events[0].ID != 6 || pa.Events[0].Login != loginA ||
			json.Unmarshal(bodyB, &pb) != nil || len(pb.Events) != 0 {
			t.Fatalf("the seal in A's journal %s, in B's %s", body, bodyB)
		}
		c := check(a)
		if !c.OK() || c.Seals != 3 || c.SealSeq != 6 || c.MessageCode() != service.MsgAuditIntactSealed {
			t.Fatalf("verify of a sealed journal: %+v (%s)", c, c.Message())
		}
		// B's seal (event 7) covers A's events up to A's seal (6), already sealed:
		// A's figures do not move, and A's head stays its own seal's event.
		if status, _, body := e.do("POST", "/v1/audit/seal", b, nil); status != http.StatusOK || json.Unmarshal(body, &se) != nil || se.Seq != 7 {
			t.Fatalf("B's POST /v1/audit/seal: %d %s", status, body)
		}
		if c := check(a); !c.OK() || c.Seals != 3 || c.SealSeq != 6 || c.Head.Seq != 6 {
			t.Fatalf("A's verify after B's seal: %+v (%s); want A's 3 seals, the newest A's of event 6", c, c.Message())
		}
		if c := check(b); !c.OK() || c.Seals != 2 || c.SealSeq != 7 || c.Head.Seq != 7 || !c.SealAt.Equal(clock.Now()) {
			t.Fatalf("B's verify after its seal: %+v (%s); want 2 seals: A's, at B's event 5, and B's, of event 7 (the daily seals of events 2 and 3 cover none of B's)", c, c.Message())
		}

		// Event 2 (A's key « Banque ») rewritten, every hash after it recomputed.
		raw := e.st.(interface{ DB() *sql.DB }).DB()
		var evs []service.AuditEvent
		if err := e.st.EachAudit(ctx, service.AuditFilter{}, func(ev service.AuditEvent) error { evs = append(evs, ev); return nil }); err != nil {
			t.Fatal(err)
		}
		storetest.RenameInJournal(t, raw, evs, 2, "Banque (autre)")
		for who, bearer := range map[string]string{"A": a, "B": b} {
			c := check(bearer)
			if c.Problem != service.AuditSealBroken || c.Event != 2 || !c.SealAt.Equal(day1) ||
				!strings.Contains(c.Message(), "le sceau du "+day1.Local().Format("02/01/2006 15:04")) {
				t.Errorf("%s's verify of the rewritten journal: %+v (%s)", who, c, c.Message())
			}
		}
		if !strings.Contains(e.logs.String(), "audit chain broken") {
			t.Error("a broken seal is not logged")
		}
	})
}
