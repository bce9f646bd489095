package local_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/keychain"
	"sesame/service/local"
)

// TestSealsInTheKeychain, in local mode on a real SQLite file and the real keychain
// (gnome-keyring under scripts/with-test-services): the first seal creates the
// sealing key in the keychain, never in the database file; the daily seal runs at
// most once a day; a rewrite with every hash recomputed is found; a keychain entry
// gone while seals exist gives sentences, not a crash, and no new key.
func TestSealsInTheKeychain(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("no D-Bus session: run through scripts/with-test-services, which starts gnome-keyring")
	}
	ctx := context.Background()
	kc := keychain.OS{Service: "fr.cabinet.sesame.test"}
	keys := keychain.SealKeys{Keychain: kc, Account: "seal-" + t.Name() + "-" + time.Now().Format(time.RFC3339Nano)}
	t.Cleanup(func() { _ = kc.Delete(context.Background(), keys.Account) })
	bare, path := openPortal(t)
	p := bare.WithSealKeys(keys)
	if _, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Banque"}); err != nil {
		t.Fatal(err)
	}
	if _, err := kc.Get(ctx, keys.Account); !errors.Is(err, keychain.ErrNotFound) {
		t.Fatalf("a sealing key before the first seal: %v", err)
	}
	se, err := p.SealAudit(ctx)
	if err != nil || se.Seq != 2 || se.Firm != "95963" {
		t.Fatalf("SealAudit = %+v, %v", se, err)
	}
	stored, err := kc.Get(ctx, keys.Account)
	if err != nil {
		t.Fatalf("no sealing key in the keychain after the first seal: %v", err)
	}
	raw, _ := base64.RawURLEncoding.DecodeString(stored)
	file, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) != 32 || bytes.Contains(file, raw) || bytes.Contains(file, []byte(stored)) {
		t.Fatal("the sealing key is in the database file")
	}
	evs, err := p.Audit(ctx, service.AuditFilter{Action: service.AuditSealHead})
	if err != nil || len(evs) != 1 || evs[0].ID != 2 || evs[0].Actor != "Delhumeau Vincent" {
		t.Fatalf("the seal's journal event: %+v, %v", evs, err)
	}
	st := p.Store()
	if _, made, err := local.SealDaily(ctx, st, keys, time.Now()); made || err != nil {
		t.Fatalf("daily seal of a sealed head: %v, %v", made, err)
	}
	if _, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Paie"}); err != nil {
		t.Fatal(err)
	}
	if _, made, err := local.SealDaily(ctx, st, keys, time.Now().Add(time.Hour)); made || err != nil {
		t.Fatalf("daily seal an hour after the last: %v, %v", made, err)
	}
	daily, made, err := local.SealDaily(ctx, st, keys, time.Now().Add(25*time.Hour))
	if !made || err != nil || daily.Seq != 3 {
		t.Fatalf("daily seal a day later = %+v, %v, %v", daily, made, err)
	}
	c, err := p.VerifyAudit(ctx)
	if err != nil || !c.OK() || c.Seals != 2 || c.SealSeq != 3 {
		t.Fatalf("VerifyAudit = %+v, %v", c, err)
	}

	// Event 1 rewritten in the file, every hash after it recomputed.
	db := st.(interface{ DB() *sql.DB }).DB()
	var all []service.AuditEvent
	if err := st.EachAudit(ctx, service.AuditFilter{}, func(ev service.AuditEvent) error { all = append(all, ev); return nil }); err != nil {
		t.Fatal(err)
	}
	backup := append([]service.AuditEvent(nil), all...)
	rewrite := func(evs []service.AuditEvent) {
		t.Helper()
		prev := service.GenesisHash
		for _, ev := range evs {
			prev = service.ChainHash(prev, ev)
			sum, _ := hex.DecodeString(prev)
			if _, err := db.Exec(`UPDATE audit_events SET key_name = $1, hash = $2 WHERE id = $3`, ev.KeyName, sum, ev.ID); err != nil {
				t.Fatal(err)
			}
		}
		sum, _ := hex.DecodeString(prev)
		if _, err := db.Exec(`UPDATE audit_head SET hash = $1 WHERE id = 1`, sum); err != nil {
			t.Fatal(err)
		}
	}
	all[0].KeyName = "Banque (autre)"
	rewrite(all)
	c, err = p.VerifyAudit(ctx)
	if err != nil || c.Problem != service.AuditSealBroken || c.Event != 2 || !strings.Contains(c.Message(), se.At.Local().Format("02/01/2006 15:04")) {
		t.Fatalf("VerifyAudit of a rewritten journal = %+v (%s), %v", c, c.Message(), err)
	}
	rewrite(backup)

	// The keychain entry lost (a new computer, a keychain reset).
	if err := kc.Delete(ctx, keys.Account); err != nil {
		t.Fatal(err)
	}
	c, err = p.VerifyAudit(ctx)
	if err != nil || c.Problem != service.AuditSealNoKey || !strings.Contains(c.Message(), "la clé de scellement est absente") {
		t.Fatalf("VerifyAudit without the key = %+v (%s), %v", c, c.Message(), err)
	}
	if _, err := p.SealAudit(ctx); service.ErrorCode(err) != service.EUNAVAILABLE || service.ErrorMessage(err) != service.MsgSealKeyMissing {
		t.Fatalf("SealAudit without the key: %v", err)
	}
	if _, made, err := local.SealDaily(ctx, st, keys, time.Now().Add(72*time.Hour)); made || err != nil {
		t.Fatalf("daily seal without the key: %v, %v", made, err)
	}
	if _, err := kc.Get(ctx, keys.Account); !errors.Is(err, keychain.ErrNotFound) {
		t.Fatalf("a new sealing key was made while seals exist: %v", err)
	}
	// Another key put there instead: the seals are not its.
	if err := kc.Set(ctx, keys.Account, base64.RawURLEncoding.EncodeToString(bytes.Repeat([]byte{7}, 32))); err != nil {
		t.Fatal(err)
	}
	if c, err := p.VerifyAudit(ctx); err != nil || c.Problem != service.AuditSealForged || c.Event != 2 {
		t.Fatalf("VerifyAudit with another key = %+v (%s), %v", c, c.Message(), err)
	}
}

// KeepSealed, as the desktop runs it beside its file: it seals a changed head at
// once, and returns when the app leaves the file (its context ends).
func TestKeepSealed(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("no D-Bus session: run through scripts/with-test-services, which starts gnome-keyring")
	}
	kc := keychain.OS{Service: "fr.cabinet.sesame.test"}
	keys := keychain.SealKeys{Keychain: kc, Account: "seal-" + t.Name() + "-" + time.Now().Format(time.RFC3339Nano)}
	t.Cleanup(func() { _ = kc.Delete(context.Background(), keys.Account) })
	p, _ := openPortal(t)
	if _, err := p.Generate(context.Background(), service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Banque"}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); local.KeepSealed(ctx, p.Store(), keys) }()
	var seals []service.AuditSeal
	for range 500 { // up to 10 s on a loaded machine: a condition awaited, not a budget
		var err error
		if seals, err = p.Store().AuditSeals(context.Background()); err != nil || len(seals) > 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	<-done
	if len(seals) != 1 || seals[0].Seq != 1 {
		t.Fatalf("seals made by KeepSealed: %+v", seals)
	}
}
