package httpserver_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/api"
	"sesame/service/httpserver"
	"sesame/service/httpserver/servertest"
	"sesame/service/local"
	"sesame/service/masterkey"
	"sesame/service/store"
	"sesame/service/store/sqlite"
)

// The firms of the tests: A administers 95963 (and 95964 attached to it), B 12345.
const (
	tiersA         = "95963"
	tiersAAttached = "95964"
	tiersB         = "12345"
	loginA         = "vdelhumeau"
	loginB         = "mmartin"
	serviceLoop    = "loop-apikey"
)

// env is a running server on a real SQLite file, with two firms and their
// administrators, and everything the server logged.
type env struct {
	t         testing.TB
	st        httpserver.Store
	srv       *httpserver.Server
	ts        *httptest.Server
	dbPath    string
	issuer    string
	logs      *servertest.Logs
	passwordA string
	passwordB string
}

// newEnv starts a server on a new SQLite file; tweak adjusts its configuration.
func newEnv(t testing.TB, tweak func(*httpserver.Config)) *env {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "sesame.db")
	st, err := sqlite.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	e := &env{t: t, st: st, dbPath: dbPath, passwordA: "A-" + rand.Text(), passwordB: "B-" + rand.Text()}
	seedFirms(t, st, e.passwordA, e.passwordB)
	e.start(tweak)
	return e
}

// start runs the server of e on e.st.
func (e *env) start(tweak func(*httpserver.Config)) {
	t := e.t
	t.Helper()
	e.logs = &servertest.Logs{}
	e.ts = httptest.NewUnstartedServer(nil)
	cfg := httpserver.Config{
		Store:     e.st,
		MasterKey: testMasterKey,
		Issuer:    "http://" + e.ts.Listener.Addr().String(),
		Logger:    slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	if tweak != nil {
		tweak(&cfg)
	}
	e.issuer = cfg.Issuer
	var err error
	e.srv, err = httpserver.New(context.Background(), cfg)
	if err != nil {
		t.Fatalf("httpserver.New: %v", err)
	}
	e.ts.Config.Handler = servertest.Contract(t, e.srv.Handler())
	e.ts.Start()
	t.Cleanup(func() {
		e.ts.Close()
		if err := e.srv.Close(context.Background()); err != nil {
			t.Errorf("server Close: %v", err)
		}
	})
}

// testMasterKey is the master key of every test server: replicas of one database
// share it, as the file given to each in production.
var testMasterKey = func() *masterkey.Key {
	k, err := masterkey.Generate()
	if err != nil {
		panic(err)
	}
	return k
}()

// seedFirms creates the catalogue, the two firms and their administrators.
func seedFirms(t testing.TB, st store.Store, passwordA, passwordB string) {
	t.Helper()
	ctx := context.Background()
	if err := local.SeedCatalogue(ctx, st); err != nil {
		t.Fatalf("seed catalogue: %v", err)
	}
	for _, tr := range []service.Tiers{
		{Code: tiersA, Name: "FUTUROSCOPE CEDEX"},
		{Code: tiersAAttached, Name: "CHASSENEUIL", AttachedTo: tiersA},
		{Code: tiersB, Name: "AUTRE CABINET"},
	} {
		if err := st.AddTiers(ctx, tr); err != nil {
			t.Fatalf("AddTiers %s: %v", tr.Code, err)
		}
	}
	for _, a := range []struct{ login, name, sic, password string }{
		{loginA, "DELHUMEAU Vincent", tiersA, passwordA},
		{loginB, "MARTIN Marie", tiersB, passwordB},
	} {
		hash, err := httpserver.HashPassword(a.password)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.PutAdmin(ctx, store.Admin{Login: a.login, Name: a.name, SICCode: a.sic, Tiers: []string{a.sic}, PasswordHash: hash}); err != nil {
			t.Fatalf("PutAdmin %s: %v", a.login, err)
		}
	}
}

func (e *env) url(path string) string { return e.ts.URL + path }

// do sends a request with an optional bearer token and JSON body, and returns the
// status, headers and body.
func (e *env) do(method, path, bearer string, body any) (int, http.Header, []byte) {
	e.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, e.url(path), rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	return e.send(req)
}

func (e *env) send(req *http.Request) (int, http.Header, []byte) {
	e.t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// generate creates a key through the API and returns the answer.
func (e *env) generate(bearer, tiers, name string) api.GenerateResponse {
	e.t.Helper()
	status, _, body := e.do("POST", "/v1/keys", bearer, api.GenerateRequest{Tiers: tiers, Service: serviceLoop, Name: name})
	if status != http.StatusCreated {
		e.t.Fatalf("POST /v1/keys: %d %s", status, body)
	}
	var g api.GenerateResponse
	if err := json.Unmarshal(body, &g); err != nil {
		e.t.Fatal(err)
	}
	return g
}

// verify posts x-apikey to /v1/verify and returns the status and body.
func (e *env) verify(identifier, secret string) (int, []byte) {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.url("/v1/verify"), nil)
	req.Header.Set("x-apikey", identifier+":"+secret)
	status, _, body := e.send(req)
	return status, body
}

// problem decodes a problem document and checks its media type.
func problem(t testing.TB, h http.Header, body []byte) api.Problem {
	t.Helper()
	if ct := h.Get("Content-Type"); ct != api.MediaTypeProblem {
		t.Fatalf("Content-Type = %q, want %s (body %s)", ct, api.MediaTypeProblem, body)
	}
	var p api.Problem
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("problem: %v in %s", err, body)
	}
	return p
}

// waitFor polls cond until it holds or a few seconds pass.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// loopbackHost reports whether an address is the loopback interface.
func loopbackHost(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	return err == nil && strings.HasPrefix(host, "127.")
}
