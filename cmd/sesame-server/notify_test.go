package main_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/notify/notifytest"
	"sesame/service/store"
	"sesame/service/store/postgres/pgtest"
)

// The operator sets the firm's SMTP server (the password read from standard input,
// never shown again) and sends a test e-mail through a real SMTP exchange; adds a
// webhook (its secret printed once), lists and removes it; lists the failed
// deliveries and retries one. On SQLite and PostgreSQL.
func TestNotifyCommands(t *testing.T) {
	for name, dsn := range map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "sesame.db") },
		"postgres": func(t *testing.T) string { return pgtest.FreshDatabase(t) },
	} {
		t.Run(name, func(t *testing.T) {
			db := firmDB(t, dsn(t))
			key := filepath.Join(t.TempDir(), "master.key")
			sesame(t, "", "master-key", "init", "--file", key)
			const password = "mot-de-passe-smtp-secret"

			// AUTH without STARTTLS is refused, in one line that names what to do.
			r := sesame(t, password+"\n", "notify", "smtp", "set", "--db", db, "--master-key-file", key,
				"--host", "smtp.cabinet.fr", "--starttls=false", "--user", "sesame", "--from", "sesame@cabinet.fr")
			oneLineError(t, r, 1, "STARTTLS")
			r = sesame(t, password+"\n", "notify", "smtp", "set", "--db", db, "--master-key-file", key,
				"--host", "smtp.cabinet.fr", "--user", "sesame", "--from", "sesame@cabinet.fr")
			if r.code != 0 || !strings.Contains(r.stdout, "smtp.cabinet.fr, port 587") || strings.Contains(r.stdout+r.stderr, password) {
				t.Fatalf("smtp set: %+v", r)
			}
			st, err := openDB(t, db)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if c, err := st.SMTP(context.Background(), "95963"); err != nil || strings.Contains(string(c.Password), password) {
				t.Fatalf("stored SMTP settings: %v (password in clear: %v)", err, strings.Contains(string(c.Password), password))
			}

			// A relay on the firm's network: no AUTH, no TLS.
			relay := notifytest.StartSMTP(t, "", "")
			if r := sesame(t, "", "notify", "smtp", "set", "--db", db, "--master-key-file", key,
				"--host", "127.0.0.1", "--port", strconv.Itoa(relay.Port), "--starttls=false", "--from", "sesame@cabinet.fr"); r.code != 0 {
				t.Fatalf("smtp set (relay): %+v", r)
			}
			r = sesame(t, "", "notify", "smtp", "test", "--db", db, "--master-key-file", key, "--to", "vincent@cabinet.fr")
			if r.code != 0 || !strings.Contains(r.stdout, "vincent@cabinet.fr") || len(relay.Messages()) != 1 || relay.Messages()[0].To != "vincent@cabinet.fr" {
				t.Fatalf("smtp test: %+v, %d messages", r, len(relay.Messages()))
			}

			oneLineError(t, sesame(t, "", "notify", "webhook", "add", "--db", db, "--master-key-file", key, "--url", "http://hooks.cabinet.fr/x"), 1, "https://")
			r = sesame(t, "", "notify", "webhook", "add", "--db", db, "--master-key-file", key, "--url", "https://hooks.cabinet.fr/sesame", "--events", "key.suspended,key.expiring")
			secret := ""
			if i := strings.Index(r.stdout, "whsec_"); i >= 0 {
				secret = strings.TrimSpace(r.stdout[i:])
			}
			if r.code != 0 || secret == "" {
				t.Fatalf("webhook add: %+v", r)
			}
			id := strings.Fields(strings.TrimPrefix(r.stdout, "Webhook "))[0]
			r = sesame(t, "", "notify", "webhook", "list", "--db", db)
			if r.code != 0 || !strings.Contains(r.stdout, id) || !strings.Contains(r.stdout, "key.expiring,key.suspended") || strings.Contains(r.stdout, secret) {
				t.Fatalf("webhook list: %+v", r)
			}

			// A failed delivery, listed and retried.
			ctx := context.Background()
			now := time.Now()
			if _, err := st.EnqueueDeliveries(ctx, []store.Delivery{{Firm: "95963", EventID: "audit:1", Kind: service.NotifyKeySuspended,
				Channel: store.ChannelWebhook, Target: id, Payload: []byte(`{}`), CreatedAt: now, NextAt: now}}); err != nil {
				t.Fatal(err)
			}
			ds, err := st.ClaimDeliveries(ctx, now, time.Minute, 1)
			if err != nil || len(ds) != 1 {
				t.Fatalf("claim: %v %v", ds, err)
			}
			if _, err := st.RecordAttempt(ctx, ds[0].ID, store.DeliveryAttempt{At: now, HTTPStatus: 503, Result: "503 Service Unavailable"}, time.Time{}); err != nil {
				t.Fatal(err)
			}
			r = sesame(t, "", "notify", "deliveries", "list", "--db", db, "--failed")
			if r.code != 0 || !strings.Contains(r.stdout, "failed") || !strings.Contains(r.stdout, "503 Service Unavailable") {
				t.Fatalf("deliveries list --failed: %+v", r)
			}
			n := strconv.FormatInt(ds[0].ID, 10)
			if r := sesame(t, "", "notify", "deliveries", "retry", "--db", db, n); r.code != 0 {
				t.Fatalf("deliveries retry: %+v", r)
			}
			oneLineError(t, sesame(t, "", "notify", "deliveries", "retry", "--db", db, n), 1, "échec")
			if r := sesame(t, "", "notify", "deliveries", "list", "--db", db, "--failed"); r.code != 0 || !strings.Contains(r.stdout, "Aucun envoi.") {
				t.Fatalf("failed after the retry: %+v", r)
			}
			if r := sesame(t, "", "notify", "webhook", "remove", "--db", db, id); r.code != 0 {
				t.Fatalf("webhook remove: %+v", r)
			}
			oneLineError(t, sesame(t, "", "notify", "webhook", "remove", "--db", db, id), 1, "webhook")
			for _, args := range [][]string{{"notify", "smtp", "set", "--help"}, {"notify", "webhook", "add", "--help"}, {"notify", "deliveries", "list", "--help"}} {
				if r := sesame(t, "", args...); r.code != 0 || !strings.Contains(r.stdout, "sesame-server notify") {
					t.Errorf("%v: %+v", args, r)
				}
			}
		})
	}
}
