package httpserver_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/api"
	"sesame/service/httpserver"
)

// leakSigner is a scanning programme's signing key, written as GitHub publishes its
// keys (https://api.github.com/meta/public_keys/secret_scanning).
type leakSigner struct {
	id   string
	priv *ecdsa.PrivateKey
}

func newLeakSigner(t testing.TB, id string) leakSigner {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return leakSigner{id, priv}
}

// keysFile writes the signers' public keys in GitHub's shape and reads them back as
// serve --leak-report-keys does.
func keysFile(t testing.TB, signers ...leakSigner) httpserver.LeakReportKeys {
	t.Helper()
	type entry struct {
		ID      string `json:"key_identifier"`
		Key     string `json:"key"`
		Current bool   `json:"is_current"`
	}
	var doc struct {
		PublicKeys []entry `json:"public_keys"`
	}
	for _, s := range signers {
		der, err := x509.MarshalPKIXPublicKey(&s.priv.PublicKey)
		if err != nil {
			t.Fatal(err)
		}
		doc.PublicKeys = append(doc.PublicKeys, entry{s.id, string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})), true})
	}
	b, _ := json.Marshal(doc)
	path := filepath.Join(t.TempDir(), "secret_scanning.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	keys, err := httpserver.ReadLeakReportKeys(path)
	if err != nil {
		t.Fatalf("ReadLeakReportKeys: %v", err)
	}
	return keys
}

// report sends a leak report signed by s.
func (e *env) report(s leakSigner, body []byte) (int, []byte) {
	e.t.Helper()
	sum := sha256.Sum256(body)
	sig, err := ecdsa.SignASN1(rand.Reader, s.priv, sum[:])
	if err != nil {
		e.t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", e.url("/v1/leaks"), bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(httpserver.HeaderLeakKeyID, s.id)
	req.Header.Set(httpserver.HeaderLeakSignature, base64.StdEncoding.EncodeToString(sig))
	status, _, out := e.send(req)
	return status, out
}

func tokenHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// A signed leak report of a firm's secret suspends its key at once (verify refuses
// it), journaled with the URL and the source; the answer labels each token by its
// hash, true_positive for a key's secret, false_positive for an unknown one or a
// bad checksum, and never repeats a token. A report signed by another key, over
// 1 MB or of more than 1,000 tokens is refused; without configured keys the endpoint
// says it takes no reports.
func TestLeakReportSuspendsTheKey(t *testing.T) {
	for name, start := range map[string]func(*testing.T, func(*httpserver.Config)) *env{
		"sqlite":   func(t *testing.T, f func(*httpserver.Config)) *env { return newEnv(t, f) },
		"postgres": func(t *testing.T, f func(*httpserver.Config)) *env { return newPostgresEnv(t, f) },
	} {
		t.Run(name, func(t *testing.T) {
			github, stranger := newLeakSigner(t, "gh-1"), newLeakSigner(t, "gh-1")
			keys := keysFile(t, github)
			e := start(t, func(c *httpserver.Config) { c.LeakReportKeys = keys })
			_, admin := e.signIn(loginA, e.passwordA)
			g := e.generate(admin.AccessToken, tiersA, "Synchro banque")
			other := e.generate(admin.AccessToken, tiersA, "Paie")
			if st, _ := e.verify(g.Identifier, g.Secret); st != http.StatusOK {
				t.Fatalf("verify before: %d", st)
			}
			unknown, err := service.NewCredentials()
			if err != nil {
				t.Fatal(err)
			}
			badSum := g.Secret[:len(g.Secret)-1] + string("ab"[strings.IndexByte("ab", g.Secret[len(g.Secret)-1])+1&1])
			body, _ := json.Marshal([]map[string]string{
				{"token": g.Secret, "type": "sesame_api_key", "url": "https://github.com/acme/paie/blob/main/.env", "source": "content"},
				{"token": unknown.Secret, "type": "sesame_api_key", "url": "https://gist.github.com/x", "source": "gist"},
				{"token": badSum, "type": "sesame_api_key", "url": "https://github.com/acme/y", "source": "content"},
			})

			if st, _ := e.report(stranger, body); st != http.StatusUnauthorized {
				t.Fatalf("a report signed by another key: %d, want 401", st)
			}
			if st, _ := e.verify(g.Identifier, g.Secret); st != http.StatusOK {
				t.Fatal("a refused report suspended the key")
			}

			st, out := e.report(github, body)
			var labels []map[string]string
			if st != http.StatusOK || json.Unmarshal(out, &labels) != nil || len(labels) != 3 {
				t.Fatalf("report: %d %s", st, out)
			}
			for i, want := range []struct{ token, label string }{{g.Secret, "true_positive"}, {unknown.Secret, "false_positive"}, {badSum, "false_positive"}} {
				if labels[i]["token_hash"] != tokenHash(want.token) || labels[i]["label"] != want.label || labels[i]["token_type"] != "sesame_api_key" {
					t.Errorf("label %d = %v, want %s", i, labels[i], want.label)
				}
			}
			if strings.Contains(string(out), "ssk_") || strings.Contains(e.logs.String(), g.Secret) {
				t.Fatal("a secret in the answer or the log")
			}
			if st, _ := e.verify(g.Identifier, g.Secret); st != http.StatusUnauthorized {
				t.Fatalf("verify of the reported key: %d, want 401", st)
			}
			if st, _ := e.verify(other.Identifier, other.Secret); st != http.StatusOK {
				t.Fatal("another key of the firm was suspended")
			}
			_, _, jb := e.do("GET", "/v1/audit?tiers="+tiersA+"&action=suspend", admin.AccessToken, nil)
			var ap api.AuditPage
			if json.Unmarshal(jb, &ap) != nil || len(ap.Events) != 1 || ap.Events[0].KeyID != g.Identifier ||
				ap.Events[0].Actor != "Signalement de fuite" || !strings.Contains(ap.Events[0].Detail, "content : https://github.com/acme/paie/blob/main/.env") {
				t.Fatalf("journal: %s", jb)
			}

			// Reported again: still true_positive, nothing more written.
			if st, out := e.report(github, body); st != http.StatusOK || !strings.Contains(string(out), "true_positive") {
				t.Fatalf("second report: %d %s", st, out)
			}
			_, _, jb = e.do("GET", "/v1/audit?tiers="+tiersA+"&action=suspend", admin.AccessToken, nil)
			if json.Unmarshal(jb, &ap) != nil || len(ap.Events) != 1 {
				t.Fatalf("journal after a second report: %s", jb)
			}

			// A thousand tokens, well over the 64 KiB other requests may hold, are
			// taken; one more is refused.
			thousand := make([]map[string]string, 1000)
			for i := range thousand {
				thousand[i] = map[string]string{"token": "ssk_" + strings.Repeat("x", 60), "type": "sesame_api_key", "url": "https://github.com/acme/" + strings.Repeat("r", 40), "source": "content"}
			}
			tb, _ := json.Marshal(thousand)
			if st, out := e.report(github, tb); st != http.StatusOK || len(tb) < 64<<10 || strings.Count(string(out), "false_positive") != 1000 {
				t.Fatalf("1,000 tokens (%d bytes): %d %.200s", len(tb), st, out)
			}
			many := make([]map[string]string, 1001)
			for i := range many {
				many[i] = map[string]string{"token": "x", "type": "t"}
			}
			mb, _ := json.Marshal(many)
			if st, _ := e.report(github, mb); st != http.StatusUnprocessableEntity {
				t.Fatalf("1,001 tokens: %d, want 422", st)
			}
			if st, ob := e.report(github, bytes.Repeat([]byte(" "), 1<<20+1)); st != http.StatusUnprocessableEntity || !strings.Contains(string(ob), "request.too_large") {
				t.Fatalf("over 1 MB: %d, want 422: %s", st, ob)
			}
		})
	}
}

// A leaked old secret, still valid for a renewal's grace, ends the grace: the leaked
// secret is refused at once, the key goes on with its new secret, and the journal
// says so with the URL and the source. Reported again, the old secret is one the
// server has forgotten (its digest goes with its grace): false_positive, nothing done.
func TestLeakReportOfAnOldSecretEndsItsGrace(t *testing.T) {
	github := newLeakSigner(t, "gh-1")
	keys := keysFile(t, github)
	e := newEnv(t, func(c *httpserver.Config) { c.LeakReportKeys = keys })
	_, admin := e.signIn(loginA, e.passwordA)
	g := e.generate(admin.AccessToken, tiersA, "Synchro banque")
	status, _, body := e.do("POST", "/v1/keys/"+g.Identifier+"/renew", admin.AccessToken, map[string]any{"grace": "7d", "version": 1})
	var renewed api.GenerateResponse
	if status != http.StatusOK || json.Unmarshal(body, &renewed) != nil || renewed.Secret == "" {
		t.Fatalf("renew: %d %s", status, body)
	}
	if st, _ := e.verify(g.Identifier, g.Secret); st != http.StatusOK {
		t.Fatal("the old secret is refused during its grace before any report")
	}
	report, _ := json.Marshal([]map[string]string{{"token": g.Secret, "type": "sesame_api_key", "url": "https://github.com/acme/z", "source": "commit"}})
	if st, out := e.report(github, report); st != http.StatusOK || !strings.Contains(string(out), "true_positive") {
		t.Fatalf("report of the old secret: %d %s", st, out)
	}
	if st, _ := e.verify(g.Identifier, g.Secret); st != http.StatusUnauthorized {
		t.Fatalf("the leaked old secret: %d, want 401", st)
	}
	if st, _ := e.verify(g.Identifier, renewed.Secret); st != http.StatusOK {
		t.Fatalf("the new secret after the old one leaked: %d, want 200 (the key is not suspended)", st)
	}
	_, _, jb := e.do("GET", "/v1/audit?tiers="+tiersA+"&action=end-grace", admin.AccessToken, nil)
	var ap api.AuditPage
	if json.Unmarshal(jb, &ap) != nil || len(ap.Events) != 1 || ap.Events[0].Actor != "Signalement de fuite" ||
		!strings.Contains(ap.Events[0].Detail, "commit : https://github.com/acme/z") {
		t.Fatalf("journal: %s", jb)
	}
	// Reported again: the server has forgotten that secret; nothing more is written.
	if st, out := e.report(github, report); st != http.StatusOK || !strings.Contains(string(out), "false_positive") {
		t.Fatalf("second report: %d %s", st, out)
	}
	_, _, jb = e.do("GET", "/v1/audit?tiers="+tiersA+"&action=end-grace", admin.AccessToken, nil)
	if json.Unmarshal(jb, &ap) != nil || len(ap.Events) != 1 {
		t.Fatalf("journal after a second report: %s", jb)
	}
}

// Without configured keys, POST /v1/leaks takes nothing.
func TestLeakReportNotConfigured(t *testing.T) {
	e := newEnv(t, nil)
	if st, body := e.report(newLeakSigner(t, "gh-1"), []byte(`[]`)); st != http.StatusNotFound || !strings.Contains(string(body), "leak.not_configured") {
		t.Fatalf("%d %s", st, body)
	}
}

// BenchmarkLeakReport100 is a signed leak report of 100 secrets (one of a key of the
// firm, the rest well-formed but unknown) through a real server on SQLite, beside a
// POST /v1/verify in the same run: the budget is 200 ms per report.
func BenchmarkLeakReport100(b *testing.B) {
	github := newLeakSigner(b, "gh-1")
	keys := keysFile(b, github)
	e := newEnv(b, func(c *httpserver.Config) { c.LeakReportKeys = keys })
	_, admin := e.signIn(loginA, e.passwordA)
	g := e.generate(admin.AccessToken, tiersA, "Synchro banque")
	tokens := []map[string]string{{"token": g.Secret, "type": "sesame_api_key", "url": "https://github.com/acme/x", "source": "content"}}
	for len(tokens) < 100 {
		c, err := service.NewCredentials()
		if err != nil {
			b.Fatal(err)
		}
		tokens = append(tokens, map[string]string{"token": c.Secret, "type": "sesame_api_key", "url": "https://github.com/acme/y", "source": "content"})
	}
	body, _ := json.Marshal(tokens)
	other := e.generate(admin.AccessToken, tiersA, "Paie")
	b.Run("report-100", func(b *testing.B) {
		for b.Loop() {
			if st, _ := e.report(github, body); st != http.StatusOK {
				b.Fatalf("status %d", st)
			}
		}
	})
	b.Run("verify", func(b *testing.B) {
		for b.Loop() {
			if st, _ := e.verify(other.Identifier, other.Secret); st != http.StatusOK {
				b.Fatalf("status %d", st)
			}
		}
	})
}
