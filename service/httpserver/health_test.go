package httpserver_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/oauth2"
)

func TestHealthAndReadiness(t *testing.T) {
	e := newEnv(t, nil)
	if status, _, body := e.do("GET", "/healthz", "", nil); status != http.StatusOK || string(body) != "ok\n" {
		t.Fatalf("/healthz: %d %q", status, body)
	}
	ready := func() (int, map[string]string) {
		status, _, body := e.do("GET", "/readyz", "", nil)
		var rd struct {
			Ready  bool
			Checks map[string]string
		}
		if err := json.Unmarshal(body, &rd); err != nil || rd.Ready != (status == http.StatusOK) {
			t.Fatalf("/readyz: %d %s", status, body)
		}
		return status, rd.Checks
	}
	status, checks := ready()
	if status != http.StatusOK || checks["database"] != "ok" || checks["migrations"] != "ok" || checks["signing_keys"] != "ok" {
		t.Fatalf("/readyz of a running server: %d %v", status, checks)
	}
	// On SIGTERM the replica says it is not ready first, and still serves.
	e.srv.Drain()
	if status, checks := ready(); status != http.StatusServiceUnavailable || checks["draining"] != "fail" {
		t.Fatalf("/readyz while draining: %d %v", status, checks)
	}
	if status, _, _ := e.do("GET", "/healthz", "", nil); status != http.StatusOK {
		t.Fatal("a draining replica is still alive")
	}
	// The database gone: not ready, and no cause leaks to the caller.
	_ = e.st.Close()
	if status, checks := ready(); status != http.StatusServiceUnavailable || checks["database"] != "fail" {
		t.Fatalf("/readyz with the database closed: %d %v", status, checks)
	}
}

func TestMetrics(t *testing.T) {
	e := newEnv(t, nil)
	_, admin := e.signIn(loginA, e.passwordA)
	loop := e.generate(admin.AccessToken, tiersA, "Loop")
	e.verify(loop.Identifier, loop.Secret)
	e.verify(loop.Identifier, "ssk_wrong")
	e.gateway("/v1/gateway/"+serviceDepot, map[string][]string{"X-Apikey": {loop.Identifier + ":" + loop.Secret}})
	e.gateway("/v1/gateway/nope", map[string][]string{"X-Apikey": {loop.Identifier + ":" + loop.Secret}})
	if _, err := e.keyClient(loop.Identifier, loop.Secret, oauth2.AuthStyleInHeader).Token(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := e.keyClient(loop.Identifier, "ssk_wrong", oauth2.AuthStyleInHeader).Token(context.Background()); err == nil {
		t.Fatal("a wrong secret got a token")
	}

	// Not on the public routes: the operator gives the metrics a listener of their own.
	resp, err := http.Get(e.url("/metrics"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("public GET /metrics: %d, want 404", resp.StatusCode)
	}
	rec := httptest.NewRecorder()
	e.srv.MetricsHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	text := rec.Body.String()
	for _, want := range []string{
		`sesame_key_verifications_total{endpoint="verify",outcome="ok"} 1`,
		`sesame_key_verifications_total{endpoint="verify",outcome="unauthorized"} 1`,
		`sesame_key_verifications_total{endpoint="gateway",outcome="forbidden"} 1`,
		`sesame_key_verifications_total{endpoint="gateway",outcome="config_error"} 1`,
		`sesame_tokens_total{grant="client_credentials",outcome="ok"} 1`,
		`sesame_tokens_total{grant="client_credentials",outcome="invalid_client"} 1`,
		`sesame_tokens_total{grant="authorization_code",outcome="ok"} 1`,
		// Two key failures counted under the allowance (wrong secret on verify and
		// on the token endpoint); the login page decided once.
		`sesame_throttle_decisions_total{decision="allowed",kind="key"} 2`,
		`sesame_throttle_decisions_total{decision="allowed",kind="login"} 1`,
		`sesame_http_request_duration_seconds_count{route="POST /v1/verify"} 2`,
		`sesame_http_request_duration_seconds_bucket{route="/v1/gateway/{service}",le="+Inf"} 2`,
		`go_sql_max_open_connections{db_name="sesame"}`,
		`sesame_key_cache_lookups_total{result="hit"}`,
		`sesame_key_cache_entries 1`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(text, loop.Identifier) || strings.Contains(text, loop.Secret) || strings.Contains(text, loginA) {
		t.Error("/metrics names a key or a login")
	}
	if t.Failed() {
		t.Log(text)
	}
}
