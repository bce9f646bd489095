package service_test

import (
	"fmt"
	"testing"
	"time"

	"sesame/service"
)

// chain returns n events chained from the genesis, and a seal of every step-th
// event made with key.
func chain(n, step int, key *service.SealKey) ([]service.AuditEvent, []service.AuditSeal) {
	evs := make([]service.AuditEvent, n)
	var seals []service.AuditSeal
	prev := service.GenesisHash
	at := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	for i := range evs {
		ev := service.AuditEvent{ID: int64(i + 1), At: at.Add(time.Duration(i) * time.Minute), Actor: "Delhumeau Vincent",
			Login: "vdelhumeau", Action: service.AuditGenerate, KeyID: fmt.Sprintf("K%07d", i), KeyName: "Banque", Tiers: "95963", Service: "loop-apikey"}
		prev = service.ChainHash(prev, ev)
		ev.Hash = prev
		evs[i] = ev
		if step > 0 && (i+1)%step == 0 {
			se := service.AuditSeal{ID: int64(len(seals) + 1), Seq: ev.ID, Hash: ev.Hash, At: ev.At}
			se.MAC = key.Sign(se)
			seals = append(seals, se)
		}
	}
	return evs, seals
}

func verifyAll(evs []service.AuditEvent, seals []service.AuditSeal, key *service.SealKey) service.AuditCheck {
	head := service.AuditHead{Seq: evs[len(evs)-1].ID, Hash: evs[len(evs)-1].Hash}
	v := service.NewAuditVerifier(head)
	v.Seals(seals, key)
	for _, ev := range evs {
		if !v.Add(ev) {
			break
		}
	}
	return v.Finish()
}

// TestSealKeyMAC: a seal's MAC changes with each of its fields and with the key, and
// only the key that made it finds it authentic.
func TestSealKeyMAC(t *testing.T) {
	k1, _ := service.NewSealKey(make([]byte, 32))
	raw := make([]byte, 32)
	raw[31] = 1
	k2, _ := service.NewSealKey(raw)
	if _, err := service.NewSealKey(make([]byte, 16)); err == nil {
		t.Fatal("a 16-byte sealing key was accepted")
	}
	se := service.AuditSeal{ID: 3, Firm: "95963", Seq: 42, Hash: service.GenesisHash, At: time.Date(2026, 12, 7, 9, 30, 0, 0, time.UTC)}
	se.MAC = k1.Sign(se)
	if !k1.Authentic(se) || k2.Authentic(se) {
		t.Fatal("the MAC is not the key's own")
	}
	for name, change := range map[string]func(*service.AuditSeal){
		"id":      func(s *service.AuditSeal) { s.ID++ },
		"firm":    func(s *service.AuditSeal) { s.Firm = "95964" },
		"seq":     func(s *service.AuditSeal) { s.Seq++ },
		"hash":    func(s *service.AuditSeal) { s.Hash = "1" + s.Hash[1:] },
		"instant": func(s *service.AuditSeal) { s.At = s.At.Add(time.Microsecond) },
	} {
		c := se
		change(&c)
		if k1.Authentic(c) {
			t.Errorf("a seal with another %s keeps its MAC", name)
		}
	}
}

// BenchmarkVerifySeals verifies a chain of 100,000 events without seals, then with a
// seal every 274 events (364 seals, about a year of daily seals), in one run.
func BenchmarkVerifySeals(b *testing.B) {
	key, _ := service.NewSealKey(make([]byte, 32))
	for _, step := range []int{0, 274} {
		evs, seals := chain(100_000, step, key)
		b.Run(fmt.Sprintf("seals=%d", len(seals)), func(b *testing.B) {
			for b.Loop() {
				if c := verifyAll(evs, seals, key); !c.OK() {
					b.Fatalf("%+v", c)
				}
			}
		})
	}
}
