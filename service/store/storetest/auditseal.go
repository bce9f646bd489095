package storetest

import (
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// sealKey is the sealing key of the suite; otherSealKey one that is not the firm's.
var sealKey, otherSealKey = mustSealKey(1), mustSealKey(2)

func mustSealKey(b byte) *service.SealKey {
	raw := make([]byte, 32)
	for i := range raw {
		raw[i] = b + byte(i)
	}
	k, err := service.NewSealKey(raw)
	if err != nil {
		panic(err)
	}
	return k
}

// sealNow seals the head on demand for the fixture's firm, journaling it.
func sealNow(t *testing.T, s store.Store, at time.Time) service.AuditSeal {
	t.Helper()
	ev := service.AuditEvent{At: at, Actor: creator, Login: "vdelhumeau", Action: service.AuditSealHead, Tiers: firm}
	se, made, err := s.SealAudit(t.Context(), store.SealRequest{Firm: firm, At: at, Event: &ev, Sign: sealKey.Sign})
	if err != nil || !made {
		t.Fatalf("SealAudit on demand = %+v, %v, %v", se, made, err)
	}
	return se
}

// rewriteChain replaces the journal by evs, renumbered 1, 2, 3… and every hash and
// the head recomputed, directly in the database: what an intruder with the
// database's password or file can do, and what a chain without seals cannot show.
func rewriteChain(t *testing.T, db *sql.DB, evs []service.AuditEvent) {
	t.Helper()
	ctx := t.Context()
	prev := service.GenesisHash
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`DELETE FROM audit_events`)
	for i, ev := range evs {
		ev.ID = int64(i + 1)
		prev = service.ChainHash(prev, ev)
		sum, _ := hex.DecodeString(prev)
		exec(`INSERT INTO audit_events (id, at, actor, login, action, key_id, key_name, tiers_code, service_id, addr, detail, hash, key_name_folded)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
			ev.ID, ev.At.UnixMicro(), ev.Actor, ev.Login, string(ev.Action), ev.KeyID, ev.KeyName, ev.Tiers, ev.Service,
			ev.Addr, ev.Detail, sum, service.FoldName(ev.KeyName))
	}
	sum, _ := hex.DecodeString(prev)
	exec(`UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1`, len(evs), sum)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// verifySealed runs the whole check with a sealing key.
func verifySealed(t *testing.T, s store.Store, key *service.SealKey) service.AuditCheck {
	t.Helper()
	c, err := store.VerifyAudit(t.Context(), s, key)
	if err != nil {
		t.Fatalf("VerifyAudit: %v", err)
	}
	return c
}

// testAuditSeals: a seal on demand is journaled and covers its own event; the daily
// seal seals a head only once and not before its time; the verification checks every
// seal and finds, directly in the database, a rewrite with every hash recomputed (an
// event altered, removed or slipped in), a journal cut below a seal, and a seal
// forged or made with another key, each named by the sealed event and the seal's
// date. Events appended after the newest seal are not a problem.
func testAuditSeals(t *testing.T, s store.Store) {
	r, ok := s.(rawDB)
	if !ok {
		t.Fatalf("%T does not expose its database", s)
	}
	db := r.DB()
	seed(t, s)
	ctx := t.Context()
	daily := func(at, notAfter time.Time) (service.AuditSeal, bool) {
		t.Helper()
		se, made, err := s.SealAudit(ctx, store.SealRequest{At: at, NotAfter: notAfter, Sign: sealKey.Sign})
		if err != nil {
			t.Fatalf("daily SealAudit: %v", err)
		}
		return se, made
	}
	if se, made := daily(base, time.Time{}); made || se.ID != 0 {
		t.Fatalf("daily seal of an empty journal = %+v, %v; want none", se, made)
	}
	for i := range 4 {
		if err := s.AppendAudit(ctx, signIn(base.Add(time.Duration(i)*time.Minute), "192.0.2.10")); err != nil {
			t.Fatalf("AppendAudit: %v", err)
		}
	}
	if c := verifySealed(t, s, sealKey); !c.OK() || c.MessageCode() != service.MsgAuditIntactUnsealed || !strings.Contains(c.Message(), "Aucun sceau ne le couvre") {
		t.Fatalf("VerifyAudit of a journal no seal covers = %+v (%s); want it whole, saying no seal covers it", c, c.Message())
	}
	day1 := base.Add(time.Hour)
	first := sealNow(t, s, day1)
	head, err := s.AuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if first.ID != 1 || first.Seq != 5 || first.Hash != head.Hash || head.Seq != 5 || first.Firm != firm || !sealKey.Authentic(first) {
		t.Fatalf("seal on demand = %+v, head %+v; want seal 1 of event 5 (its own) with the head's hash", first, head)
	}
	if evs := chainOf(t, s); evs[4].Action != service.AuditSealHead || evs[4].Tiers != firm {
		t.Fatalf("event 5 = %+v; want the seal, journaled", evs[4])
	}
	if se, made := daily(day1.Add(24*time.Hour), time.Time{}); made || se.ID != 1 {
		t.Fatalf("daily seal of a sealed head = %+v, %v; want seal 1 again, nothing made", se, made)
	}
	for i := range 2 {
		if err := s.AppendAudit(ctx, signIn(day1.Add(time.Duration(i+1)*time.Hour), "192.0.2.11")); err != nil {
			t.Fatalf("AppendAudit: %v", err)
		}
	}
	day2 := day1.Add(24 * time.Hour)
	if se, made := daily(day2, day1.Add(-time.Minute)); made || se.ID != 1 {
		t.Fatalf("daily seal with a seal made since = %+v, %v; want none", se, made)
	}
	second, made := daily(day2, day2.Add(-24*time.Hour))
	if !made || second.ID != 2 || second.Seq != 7 || second.Firm != "" || !sameInstant(second.At, day2) {
		t.Fatalf("daily seal = %+v, %v; want seal 2 of event 7, no firm, at %v", second, made, day2)
	}
	seals, err := s.AuditSeals(ctx)
	if err != nil || len(seals) != 2 || seals[0].ID != 1 || seals[1].ID != 2 || !sealKey.Authentic(seals[0]) || !sealKey.Authentic(seals[1]) {
		t.Fatalf("AuditSeals = %+v, %v; want seals 1 and 2, authentic", seals, err)
	}
	c := verifySealed(t, s, sealKey)
	if !c.OK() || c.Events != 7 || c.Seals != 2 || c.SealSeq != 7 || !sameInstant(c.SealAt, day2) || c.MessageCode() != service.MsgAuditIntactSealed {
		t.Fatalf("VerifyAudit of a sealed journal = %+v (%s)", c, c.Message())
	}

	exec := func(stmts ...string) {
		t.Helper()
		for _, q := range stmts {
			if _, err := db.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
	}
	exec(`CREATE TABLE audit_sealed_backup AS SELECT * FROM audit_events`,
		`CREATE TABLE audit_sealed_head_backup AS SELECT * FROM audit_head`,
		`CREATE TABLE audit_seals_backup AS SELECT * FROM audit_seals`)
	restore := func() {
		t.Helper()
		exec(`DELETE FROM audit_events`, `INSERT INTO audit_events SELECT * FROM audit_sealed_backup`,
			`DELETE FROM audit_head`, `INSERT INTO audit_head SELECT * FROM audit_sealed_head_backup`,
			`DELETE FROM audit_seals`, `INSERT INTO audit_seals SELECT * FROM audit_seals_backup`)
		if c := verifySealed(t, s, sealKey); !c.OK() || c.Events != 7 {
			t.Fatalf("after restoring: %+v (%s)", c, c.Message())
		}
	}
	orig := chainOf(t, s)
	edited := func(fn func([]service.AuditEvent) []service.AuditEvent) []service.AuditEvent {
		return fn(append([]service.AuditEvent(nil), orig...))
	}
	// forge rewrites seal id's event and hash to the chain as it now is, with a MAC
	// of another key: an intruder who cannot make the firm's.
	forge := func(id int64) {
		t.Helper()
		evs := chainOf(t, s)
		se := seals[id-1]
		se.Hash = evs[len(evs)-1].Hash
		se.Seq = int64(len(evs))
		sum, _ := hex.DecodeString(se.Hash)
		if _, err := db.ExecContext(ctx, `UPDATE audit_seals SET seq = $1, hash = $2, mac = $3 WHERE id = $4`,
			se.Seq, sum, otherSealKey.Sign(se), id); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name    string
		attack  func()
		key     *service.SealKey
		problem service.AuditProblem
		event   int64
		sealAt  time.Time
	}{
		{"event altered, hashes recomputed", func() {
			rewriteChain(t, db, edited(func(e []service.AuditEvent) []service.AuditEvent { e[2].Addr = "10.6.6.6"; return e }))
		}, sealKey, service.AuditSealBroken, 5, day1},
		{"event removed, hashes recomputed", func() {
			rewriteChain(t, db, edited(func(e []service.AuditEvent) []service.AuditEvent { return append(e[:1], e[2:]...) }))
		}, sealKey, service.AuditSealBroken, 5, day1},
		{"event slipped in, hashes recomputed", func() {
			rewriteChain(t, db, edited(func(e []service.AuditEvent) []service.AuditEvent {
				return append(e[:2], append([]service.AuditEvent{signIn(base, "198.51.100.1")}, e[2:]...)...)
			}))
		}, sealKey, service.AuditSealBroken, 5, day1},
		{"event after the first seal altered, hashes recomputed", func() {
			rewriteChain(t, db, edited(func(e []service.AuditEvent) []service.AuditEvent { e[5].Actor = "Personne"; return e }))
		}, sealKey, service.AuditSealBroken, 7, day2},
		{"cut below the newest seal", func() {
			rewriteChain(t, db, orig[:5])
		}, sealKey, service.AuditSealCut, 7, day2},
		{"rewritten and the newest seal forged", func() {
			rewriteChain(t, db, edited(func(e []service.AuditEvent) []service.AuditEvent { e[5].Actor = "Personne"; return e }))
			forge(2)
		}, sealKey, service.AuditSealForged, 7, day2},
		{"cut and the newest seal deleted", func() {
			rewriteChain(t, db, orig[:6])
			exec(`DELETE FROM audit_seals WHERE id = 2`)
			forge(1)
		}, sealKey, service.AuditSealForged, 6, day1},
		{"another sealing key", func() {}, otherSealKey, service.AuditSealForged, 5, day1},
		{"no sealing key", func() {}, nil, service.AuditSealNoKey, 0, day2},
	} {
		tc.attack()
		c := verifySealed(t, s, tc.key)
		if c.Problem != tc.problem || c.Event != tc.event || !sameInstant(c.SealAt, tc.sealAt) {
			t.Errorf("%s: VerifyAudit = %+v (%s); want %s at event %d, seal of %v", tc.name, c, c.Message(), tc.problem, tc.event, tc.sealAt)
		}
		if m := c.Message(); c.OK() || m == "" || !strings.Contains(m, c.SealAt.Local().Format("02/01/2006 15:04")) {
			t.Errorf("%s: the sentence %q does not name the seal's date", tc.name, m)
		}
		restore()
	}

	// Appending after the newest seal is what a journal does: whole.
	if err := s.AppendAudit(ctx, signIn(day2.Add(time.Hour), "192.0.2.12")); err != nil {
		t.Fatal(err)
	}
	if c := verifySealed(t, s, sealKey); !c.OK() || c.Events != 8 || c.SealSeq != 7 {
		t.Fatalf("VerifyAudit after an append = %+v (%s)", c, c.Message())
	}
}

// testAuditSealsConcurrent: replicas running their daily round at once, beside
// writers appending and administrators sealing on demand, make one daily seal of a
// head, number every seal 1, 2, 3… without gaps, and leave a journal that verifies
// whole with every seal on it.
func testAuditSealsConcurrent(t *testing.T, s store.Store) {
	seed(t, s)
	ctx := t.Context()
	if err := s.AppendAudit(ctx, signIn(base, "192.0.2.1")); err != nil {
		t.Fatal(err)
	}
	const replicas = 8
	madeCount := make([]bool, replicas)
	errs := concurrently(replicas, func(w int) error {
		_, made, err := s.SealAudit(ctx, store.SealRequest{At: base.Add(time.Hour), NotAfter: base, Sign: sealKey.Sign})
		madeCount[w] = made
		return err
	})
	n := 0
	for w, err := range errs {
		if err != nil {
			t.Fatalf("replica %d: %v", w, err)
		}
		if madeCount[w] {
			n++
		}
	}
	if seals, err := s.AuditSeals(ctx); n != 1 || err != nil || len(seals) != 1 || seals[0].Seq != 1 {
		t.Fatalf("%d replicas sealing the same head made %d seals: %+v, %v", replicas, n, seals, err)
	}
	errs = concurrently(replicas, func(w int) error {
		at := base.Add(time.Duration(2+w) * time.Hour)
		if w%2 == 0 {
			return s.AppendAudit(ctx, signIn(at, fmt.Sprintf("198.51.100.%d", w)))
		}
		ev := signIn(at, "")
		ev.Action = service.AuditSealHead
		_, _, err := s.SealAudit(ctx, store.SealRequest{Firm: firm, At: at, Event: &ev, Sign: sealKey.Sign})
		return err
	})
	for w, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", w, err)
		}
	}
	seals, err := s.AuditSeals(ctx)
	if err != nil || len(seals) != 1+replicas/2 {
		t.Fatalf("seals after concurrent seals on demand: %+v, %v", seals, err)
	}
	for i, se := range seals {
		if se.ID != int64(i+1) {
			t.Fatalf("seal %d numbered %d: %+v", i+1, se.ID, seals)
		}
	}
	if c := verifySealed(t, s, sealKey); !c.OK() || c.Events != 1+replicas || c.Seals != 1+replicas/2 {
		t.Fatalf("VerifyAudit after concurrent seals = %+v (%s)", c, c.Message())
	}
}
