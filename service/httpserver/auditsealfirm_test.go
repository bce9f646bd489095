package httpserver_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"sesame/service"
)

// TestAuditSealsSeenByAFirm, on SQLite and PostgreSQL: a seal protects every event
// it covers, whoever asked for it, and a firm is told where it stops among its own
// events, never the chain's head when it was made (the count of every firm's
// events). Firm B's seal covers A's events: A's verification says they are sealed
// (not « Aucun sceau »), up to A's event 2; the next day's server seal, made after
// B wrote more, still stops at A's event 2 for A, not at its own number 6.
func TestAuditSealsSeenByAFirm(t *testing.T) {
	onBothStoresAt(t, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), func(t *testing.T, clock *fakeClock, e *env) {
		check := e.verifyAudit
		_, tokA := e.signIn(loginA, e.passwordA) // event 1
		a := tokA.AccessToken
		e.generate(a, tiersA, "Banque")          // 2
		_, tokB := e.signIn(loginB, e.passwordB) // 3
		b := tokB.AccessToken
		e.generate(b, tiersB, "Paie") // 4
		bSealed := clock.Now()
		if status, _, body := e.do("POST", "/v1/audit/seal", b, nil); status != http.StatusOK {
			t.Fatalf("B's POST /v1/audit/seal: %d %s", status, body) // 5
		}
		sealedUpTo2 := "jusqu'à l'événement n° 2."
		if c := check(a); !c.OK() || c.Seals != 1 || c.SealSeq != 2 || !c.SealAt.Equal(bSealed) || c.Head.Seq != 2 ||
			c.MessageCode() != service.MsgAuditIntactSealed || !strings.Contains(c.Message(), sealedUpTo2) {
			t.Errorf("A's verify when only B sealed: %+v (%s); want A's events sealed up to its event 2, by a seal of %s",
				c, c.Message(), bSealed)
		}

		e.generate(b, tiersB, "Compta") // 6
		clock.Advance(25 * time.Hour)
		e.srv.Housekeeping(context.Background())
		seals, err := e.st.AuditSeals(context.Background())
		if err != nil || len(seals) != 2 || seals[1].Firm != "" || seals[1].Seq != 6 {
			t.Fatalf("seals after the next day's round: %+v, %v; want the server's of event 6", seals, err)
		}
		_, tokA = e.signIn(loginA, e.passwordA) // 7: the sessions expired overnight
		_, tokB = e.signIn(loginB, e.passwordB) // 8
		a, b = tokA.AccessToken, tokB.AccessToken
		if c := check(a); !c.OK() || c.Seals != 1 || c.SealSeq != 2 || c.Head.Seq != 7 || !strings.Contains(c.Message(), sealedUpTo2) {
			t.Errorf("A's verify after the server's seal of event 6: %+v (%s); want its seals to stop at its event 2, never B's 6",
				c, c.Message())
		}
		if c := check(b); !c.OK() || c.Seals != 2 || c.SealSeq != 6 || !c.SealAt.Equal(clock.Now()) || c.Head.Seq != 8 {
			t.Errorf("B's verify after the server's seal of event 6: %+v (%s); want seals at its events 5 and 6", c, c.Message())
		}
	})
}
