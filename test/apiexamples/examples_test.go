// Package apiexamples runs the examples of docs/api (curl, Python with requests, Go)
// against a real server, as an integrator would run them: what they print is what
// the documentation promises, and no secret is ever in it.
package apiexamples_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"sesame/service/api"
	"sesame/service/httpserver"
	"sesame/service/httpserver/servertest"
)

// serviceLoop is the catalogue's service that accepts keys.
const serviceLoop = "loop-apikey"

// The four tasks of the examples, one file per language and task.
var tasks = []string{"verify_key", "client_token", "expiring_keys", "export_journal"}

func TestExamplesRunAgainstARealServer(t *testing.T) {
	if err := exec.Command("python3", "-c", "import requests").Run(); err != nil {
		t.Fatalf("the Python examples need requests (apt-get install python3-requests): %v", err)
	}
	env := servertest.Start(t, nil)
	admin := adminToken(t, env)
	key := generate(t, env.URL, admin, "Logiciel de paie", 10)

	root, err := filepath.Abs("../../docs/api")
	if err != nil {
		t.Fatal(err)
	}
	module, _ := filepath.Abs("../..")
	for _, lang := range []struct {
		name string
		cmd  func(task string) *exec.Cmd
	}{
		{"curl", func(task string) *exec.Cmd { return exec.Command("sh", filepath.Join(root, "curl", task+".sh")) }},
		{"python", func(task string) *exec.Cmd { return exec.Command("python3", filepath.Join(root, "python", task+".py")) }},
		{"go", func(task string) *exec.Cmd {
			c := exec.Command("go", "run", filepath.Join(root, "go", task+".go"))
			c.Dir = module
			return c
		}},
	} {
		t.Run(lang.name, func(t *testing.T) {
			for _, task := range tasks {
				out := filepath.Join(t.TempDir(), "journal.csv")
				c := lang.cmd(task)
				c.Env = append(os.Environ(), "SESAME_URL="+env.URL, "SESAME_SERVICE="+serviceLoop,
					"SESAME_KEY="+key.Identifier+":"+key.Secret, "SESAME_KEY_ID="+key.Identifier,
					"SESAME_KEY_SECRET="+key.Secret, "SESAME_TOKEN="+admin, "SESAME_OUT="+out)
				var stdout, stderr bytes.Buffer
				c.Stdout, c.Stderr = &stdout, &stderr
				runErr := c.Run()
				printed := stdout.String() + stderr.String()
				for _, secret := range []string{key.Secret, admin} {
					if strings.Contains(printed, secret) {
						t.Fatalf("%s %s printed a secret", lang.name, task)
					}
				}
				if runErr != nil {
					t.Fatalf("%s %s: %v\n%s", lang.name, task, runErr, printed)
				}
				checkOutput(t, lang.name+" "+task, task, stdout.String(), key, out)
			}
		})
	}
}

// tokenLife is what the token examples print of the token.
var tokenLife = regexp.MustCompile(`valable (\d+) s`)

// checkOutput holds what one task printed (and wrote) to what docs/api promises.
func checkOutput(t *testing.T, what, task, stdout string, key api.GenerateResponse, out string) {
	t.Helper()
	var want []string
	switch task {
	case "verify_key":
		want = []string{servertest.Tiers, serviceLoop, "Logiciel de paie"}
	case "client_token":
		// At most the key token's 5 min; less when a token issued a moment ago is reused.
		if m := tokenLife.FindStringSubmatch(stdout); m == nil || m[1] > "300" || len(m[1]) > 3 {
			t.Fatalf("%s printed %q, want a token valid at most 300 s", what, stdout)
		}
	case "expiring_keys":
		want = []string{key.Identifier, "Logiciel de paie", key.Key.ExpiresAt.UTC().Format(time.RFC3339)}
	case "export_journal":
		want = []string{"journal exporté dans " + out}
		csv, err := os.ReadFile(out)
		if err != nil || !strings.Contains(string(csv), key.Identifier) || !strings.Contains(string(csv), "Génération") {
			t.Fatalf("%s: the file %s lacks the key's generation (%v):\n%s", what, out, err, csv)
		}
	}
	for _, w := range want {
		if !strings.Contains(stdout, w) {
			t.Fatalf("%s printed %q, without %q", what, stdout, w)
		}
	}
}

// generate makes a key through the API, expiring in days days.
func generate(t *testing.T, base, bearer, name string, days int) api.GenerateResponse {
	t.Helper()
	body, _ := json.Marshal(api.GenerateRequest{Tiers: servertest.Tiers, Service: serviceLoop, Name: name, ExpiresInDays: days})
	req, _ := http.NewRequest("POST", base+"/v1/keys", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+bearer)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var g api.GenerateResponse
	if resp.StatusCode != http.StatusCreated || json.NewDecoder(resp.Body).Decode(&g) != nil {
		t.Fatalf("POST /v1/keys: %d", resp.StatusCode)
	}
	return g
}

// adminToken signs the firm's administrator in as the desktop app does (authorization
// code with PKCE, loopback redirect, the real login page) and returns the access token
// an integrator's script is given.
func adminToken(t *testing.T, env *servertest.Env) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	codes := make(chan string, 1)
	loopback := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case codes <- r.URL.Query().Get("code"):
		default:
		}
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Security-Policy", "default-src 'none'")
		_, _ = w.Write([]byte("Vous pouvez fermer cet onglet."))
	})}
	go func() { _ = loopback.Serve(ln) }()
	t.Cleanup(func() { _ = loopback.Close() })
	cfg := &oauth2.Config{
		ClientID:    httpserver.DesktopClientID,
		RedirectURL: "http://" + ln.Addr().String() + "/callback",
		Endpoint:    oauth2.Endpoint{AuthURL: env.URL + "/oauth2/authorize", TokenURL: env.URL + "/oauth2/token", AuthStyle: oauth2.AuthStyleInParams},
	}
	verifier := oauth2.GenerateVerifier()
	if err := env.Browser(servertest.Login, env.Password)(cfg.AuthCodeURL("etat", oauth2.S256ChallengeOption(verifier))); err != nil {
		t.Fatal(err)
	}
	tok, err := cfg.Exchange(context.Background(), <-codes, oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	return tok.AccessToken
}
