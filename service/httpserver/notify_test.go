package httpserver_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"mime/quotedprintable"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"sesame/service/api"
	"sesame/service/httpserver"
	"sesame/service/notify"
	"sesame/service/notify/notifytest"
	"sesame/service/store"
	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
)

const smtpPassword = "Smtp-Pa55-" + "ne-jamais-montrer"

// An administrator sets the firm's SMTP server (the password never answered, nor
// logged, nor stored in clear), sends a test e-mail, chooses to be told of
// suspensions, and a key suspended through the API is told by e-mail at the next
// round, once. A webhook is added (its secret shown once), its failed delivery
// listed and retried; another firm sees none of it. On SQLite and PostgreSQL.
func TestNotificationsThroughTheAPI(t *testing.T) {
	for name, start := range map[string]func(*testing.T, func(*httpserver.Config)) *env{
		"sqlite":   func(t *testing.T, f func(*httpserver.Config)) *env { return newEnv(t, f) },
		"postgres": func(t *testing.T, f func(*httpserver.Config)) *env { return newPostgresEnv(t, f) },
	} {
		t.Run(name, func(t *testing.T) {
			smtp := notifytest.StartSMTP(t, "sesame@cabinet.fr", smtpPassword)
			e := start(t, func(c *httpserver.Config) {
				c.NotifyInterval = time.Hour // the test runs the rounds
				c.Notify = func(nc *notify.Config) { nc.SMTPTLS = smtp.ClientTLS() }
			})
			ctx := context.Background()
			e.srv.NotifyRound(ctx) // the first round starts from the present
			_, a := e.signIn(loginA, e.passwordA)
			_, b := e.signIn(loginB, e.passwordB)

			if st, _, _ := e.do("GET", "/v1/notifications/smtp", a.AccessToken, nil); st != http.StatusNotFound {
				t.Fatalf("SMTP before any: %d", st)
			}
			st, h, body := e.do("PUT", "/v1/notifications/smtp", a.AccessToken, api.SMTPSettings{
				Host: "127.0.0.1", Port: smtp.Port, StartTLS: false, User: "sesame@cabinet.fr", Password: smtpPassword, From: "sesame@cabinet.fr"})
			if st != http.StatusUnprocessableEntity || problem(t, h, body).Field != "starttls" {
				t.Fatalf("AUTH without STARTTLS: %d %s", st, body)
			}
			st, _, body = e.do("PUT", "/v1/notifications/smtp", a.AccessToken, api.SMTPSettings{
				Host: "127.0.0.1", Port: smtp.Port, StartTLS: true, User: "sesame@cabinet.fr", Password: smtpPassword, From: "sesame@cabinet.fr"})
			if st != http.StatusOK || bytes.Contains(body, []byte(smtpPassword)) {
				t.Fatalf("PUT smtp: %d %s", st, body)
			}
			st, _, body = e.do("GET", "/v1/notifications/smtp", a.AccessToken, nil)
			var got api.SMTPSettings
			if st != http.StatusOK || json.Unmarshal(body, &got) != nil || !got.PasswordSet || got.Password != "" || got.Host != "127.0.0.1" ||
				got.UpdatedBy != "DELHUMEAU Vincent" || bytes.Contains(body, []byte(smtpPassword)) {
				t.Fatalf("GET smtp: %d %s", st, body)
			}
			if st, _, _ := e.do("GET", "/v1/notifications/smtp", b.AccessToken, nil); st != http.StatusNotFound {
				t.Fatalf("another firm reads the SMTP settings: %d", st)
			}
			if c, err := e.st.SMTP(ctx, tiersA); err != nil || bytes.Contains(c.Password, []byte(smtpPassword)) {
				t.Fatalf("stored password: %v, in clear: %v", err, bytes.Contains(c.Password, []byte(smtpPassword)))
			}

			st, _, body = e.do("POST", "/v1/notifications/smtp/test", a.AccessToken, api.SMTPTest{To: "vincent@cabinet.fr"})
			if st != http.StatusOK || !strings.Contains(string(body), "OK") || len(smtp.Messages()) != 1 || !smtp.Messages()[0].TLS {
				t.Fatalf("test e-mail: %d %s, %d messages", st, body, len(smtp.Messages()))
			}

			st, _, body = e.do("PUT", "/v1/notifications/choice", a.AccessToken, api.NotifyChoice{Email: "vincent@cabinet.fr", Language: "fr", Events: []string{"key.suspended", "bogus"}})
			if st != http.StatusUnprocessableEntity {
				t.Fatalf("unknown event: %d %s", st, body)
			}
			st, _, body = e.do("PUT", "/v1/notifications/choice", a.AccessToken, api.NotifyChoice{Email: "vincent@cabinet.fr", Language: "fr", Events: []string{"key.suspended"}})
			if st != http.StatusOK {
				t.Fatalf("PUT choice: %d %s", st, body)
			}
			if st, _, body := e.do("GET", "/v1/notifications/choice", a.AccessToken, nil); st != http.StatusOK || !strings.Contains(string(body), `"events":["key.suspended"]`) {
				t.Fatalf("GET choice: %d %s", st, body)
			}

			if st, h, body := e.do("POST", "/v1/notifications/webhooks", a.AccessToken, api.NewWebhook{URL: "http://127.0.0.1:1/hook"}); st != http.StatusUnprocessableEntity || problem(t, h, body).Field != "url" {
				t.Fatalf("plain http webhook: %d %s", st, body)
			}
			st, _, body = e.do("POST", "/v1/notifications/webhooks", a.AccessToken, api.NewWebhook{URL: "https://127.0.0.1:1/hook", Events: []string{"key.suspended"}})
			var wh api.Webhook
			if st != http.StatusCreated || json.Unmarshal(body, &wh) != nil || !strings.HasPrefix(wh.Secret, "whsec_") {
				t.Fatalf("add webhook: %d %s", st, body)
			}
			if st, _, body := e.do("GET", "/v1/notifications/webhooks", a.AccessToken, nil); st != http.StatusOK || strings.Contains(string(body), wh.Secret) || !strings.Contains(string(body), wh.ID) {
				t.Fatalf("list webhooks: %d %s", st, body)
			}
			if st, _, _ := e.do("DELETE", "/v1/notifications/webhooks/"+wh.ID, b.AccessToken, nil); st != http.StatusNotFound {
				t.Fatalf("another firm removes the webhook: %d", st)
			}

			k := e.generate(a.AccessToken, tiersA, "Synchro banque")
			if st, _, body := e.do("POST", "/v1/keys/"+k.Identifier+"/suspend", a.AccessToken, api.SuspendRequest{Reason: "Secret vu dans un courriel"}); st != http.StatusOK {
				t.Fatalf("suspend: %d %s", st, body)
			}
			e.srv.NotifyRound(ctx)
			e.srv.NotifyRound(ctx)
			msgs := smtp.Messages()
			if len(msgs) != 2 || msgs[1].To != "vincent@cabinet.fr" || !strings.Contains(unQP(t, msgs[1].Data), "Motif : Secret vu dans un courriel") {
				t.Fatalf("%d messages; the last: %+v", len(msgs), msgs[len(msgs)-1])
			}

			// The webhook's delivery could not be made (nothing listens): pending,
			// then failed after its attempts; listed, retried.
			st, _, body = e.do("GET", "/v1/notifications/deliveries?status=pending", a.AccessToken, nil)
			var list api.DeliveryList
			if st != http.StatusOK || json.Unmarshal(body, &list) != nil || len(list.Deliveries) != 1 || list.Deliveries[0].Channel != "webhook" || list.Deliveries[0].Attempts != 1 {
				t.Fatalf("pending deliveries: %d %s", st, body)
			}
			id := list.Deliveries[0].ID
			if _, err := e.st.RecordAttempt(ctx, id, store.DeliveryAttempt{At: time.Now(), Result: "connection refused"}, time.Time{}); err != nil {
				t.Fatal(err)
			}
			st, _, body = e.do("GET", "/v1/notifications/deliveries?status=failed", a.AccessToken, nil)
			if st != http.StatusOK || json.Unmarshal(body, &list) != nil || len(list.Deliveries) != 1 || list.Deliveries[0].Status != "failed" {
				t.Fatalf("failed deliveries: %d %s", st, body)
			}
			path := fmt.Sprintf("/v1/notifications/deliveries/%d", id)
			if st, _, _ := e.do("GET", path, b.AccessToken, nil); st != http.StatusNotFound {
				t.Fatalf("another firm reads the delivery: %d", st)
			}
			if st, _, _ := e.do("POST", path+"/retry", b.AccessToken, nil); st != http.StatusNotFound {
				t.Fatalf("another firm retries the delivery: %d", st)
			}
			if st, _, body := e.do("POST", path+"/retry", a.AccessToken, nil); st != http.StatusOK || !strings.Contains(string(body), `"status":"pending"`) {
				t.Fatalf("retry: %d %s", st, body)
			}
			if st, _, _ := e.do("POST", path+"/retry", a.AccessToken, nil); st != http.StatusConflict {
				t.Fatalf("retry of a pending delivery: %d", st)
			}
			var one api.Delivery
			if st, _, body := e.do("GET", path, a.AccessToken, nil); st != http.StatusOK || json.Unmarshal(body, &one) != nil || len(one.History) != 2 {
				t.Fatalf("delivery with its attempts: %d %s", st, body)
			}
			if st, _, body := e.do("GET", "/v1/notifications/deliveries", b.AccessToken, nil); st != http.StatusOK || strings.Contains(string(body), "webhook") {
				t.Fatalf("another firm's list: %d %s", st, body)
			}
			if st, _, _ := e.do("DELETE", "/v1/notifications/webhooks/"+wh.ID, a.AccessToken, nil); st != http.StatusNoContent {
				t.Fatalf("remove webhook: %d", st)
			}
			if logs := e.logs.String(); strings.Contains(logs, smtpPassword) || strings.Contains(logs, wh.Secret) {
				t.Fatal("a secret in the server's log")
			}
		})
	}
}

// unQP decodes a message's quoted-printable text.
func unQP(t *testing.T, data string) string {
	t.Helper()
	b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(data)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Three replicas on one PostgreSQL database, each running its notification rounds
// at once, twice: a key suspended through one of them is told by e-mail once.
func TestNotificationOnceAcrossReplicas(t *testing.T) {
	smtp := notifytest.StartSMTP(t, "sesame@cabinet.fr", smtpPassword)
	dsn := pgtest.FreshDatabase(t)
	passwordA, passwordB := "A-"+rand.Text(), "B-"+rand.Text()
	var rs []*env
	for i := range 3 {
		st, err := postgres.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = st.Close() })
		if i == 0 {
			seedFirms(t, st, passwordA, passwordB)
		}
		e := &env{t: t, st: st, passwordA: passwordA, passwordB: passwordB}
		e.start(func(c *httpserver.Config) {
			c.Issuer = "https://sesame.cabinet.test"
			c.NotifyInterval = time.Hour
			c.Notify = func(nc *notify.Config) { nc.SMTPTLS = smtp.ClientTLS() }
		})
		rs = append(rs, e)
	}
	ctx := context.Background()
	for _, r := range rs {
		r.srv.NotifyRound(ctx)
	}
	_, a := rs[0].signIn(loginA, passwordA)
	if st, _, body := rs[0].do("PUT", "/v1/notifications/smtp", a.AccessToken, api.SMTPSettings{
		Host: "127.0.0.1", Port: smtp.Port, StartTLS: true, User: "sesame@cabinet.fr", Password: smtpPassword, From: "sesame@cabinet.fr"}); st != http.StatusOK {
		t.Fatalf("PUT smtp: %d %s", st, body)
	}
	if st, _, body := rs[1].do("PUT", "/v1/notifications/choice", a.AccessToken, api.NotifyChoice{Email: "vincent@cabinet.fr", Language: "en", Events: []string{"key.suspended"}}); st != http.StatusOK {
		t.Fatalf("PUT choice: %d %s", st, body)
	}
	k := rs[2].generate(a.AccessToken, tiersA, "Synchro banque")
	if st, _, body := rs[1].do("POST", "/v1/keys/"+k.Identifier+"/suspend", a.AccessToken, api.SuspendRequest{Reason: "Fuite"}); st != http.StatusOK {
		t.Fatalf("suspend: %d %s", st, body)
	}
	for range 2 {
		var wg sync.WaitGroup
		for _, r := range rs {
			wg.Go(func() { r.srv.NotifyRound(ctx) })
		}
		wg.Wait()
	}
	msgs := smtp.Messages()
	if len(msgs) != 1 || !strings.Contains(unQP(t, msgs[0].Data), "Reason: Fuite") {
		t.Fatalf("%d messages, want 1", len(msgs))
	}
}
