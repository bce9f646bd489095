package httpserver_test

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"sesame/service/httpserver"
)

// The whole flow runs with the server's logs captured at debug level; then no
// secret, password, code or token it saw is found in the logs or in the database
// files (the SQLite file, its WAL and shared memory), whole or in part.
func TestNoSecretInLogsOrDatabase(t *testing.T) {
	e := newEnv(t, func(c *httpserver.Config) { c.TouchInterval = 20 * time.Millisecond })
	ctx := context.Background()
	var secrets []string
	keep := func(s ...string) { secrets = append(secrets, s...) }
	keep(e.passwordA, e.passwordB)

	// Sign-in through the login page, with a wrong password and a password typed in
	// the login field first.
	lb := newLoopback(t)
	cfg := e.oauthConfig(lb.srv.URL + "/cb")
	verifier := oauth2.GenerateVerifier()
	state := oauth2.GenerateVerifier()
	authURL := cfg.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier))
	keep(verifier)
	b := newBrowser(t)
	for _, try := range [][2]string{{loginA, "Mauvais-" + e.passwordB}, {e.passwordA, e.passwordA}, {loginA, e.passwordA}} {
		_, _, f := b.open(authURL)
		keep(f.values.Get("csrf_token"))
		f.values.Set("login", try[0])
		f.values.Set("password", try[1])
		keep(try[1])
		b.submit(authURL, f)
	}
	q := <-lb.query
	code := q.Get("code")
	keep(code)
	tok, err := cfg.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	keep(tok.AccessToken, tok.RefreshToken)
	_, _ = cfg.Exchange(ctx, code, oauth2.VerifierOption(verifier)) // replayed code
	_, tok = e.signIn(loginA, e.passwordA)
	keep(tok.AccessToken, tok.RefreshToken)
	t1, err := refresh(cfg, tok.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	keep(t1.AccessToken, t1.RefreshToken)
	_, _ = refresh(cfg, tok.RefreshToken) // reuse
	_, tok = e.signIn(loginA, e.passwordA)
	keep(tok.AccessToken, tok.RefreshToken)

	// Keys: generated, used every way, failed, introspected, revoked.
	g := e.generate(tok.AccessToken, tiersA, "Passerelle")
	w := e.generate(tok.AccessToken, tiersA, "Témoin")
	keep(g.Secret, w.Secret)
	e.verify(g.Identifier, g.Secret)
	e.verify(g.Identifier, g.Secret+"typo")
	keep(g.Secret + "typo")
	for _, style := range []oauth2.AuthStyle{oauth2.AuthStyleInHeader, oauth2.AuthStyleInParams} {
		kt, err := e.keyClient(g.Identifier, g.Secret, style).Token(ctx)
		if err != nil {
			t.Fatal(err)
		}
		keep(kt.AccessToken)
		e.introspect(w.Identifier, w.Secret, kt.AccessToken)
	}
	_, _ = e.keyClient(w.Identifier, g.Secret, oauth2.AuthStyleInHeader).Token(ctx) // wrong secret
	e.introspect(w.Identifier, w.Secret, tok.RefreshToken)
	e.do("POST", "/v1/keys/"+g.Identifier+"/revoke", tok.AccessToken, nil)
	e.verify(g.Identifier, g.Secret)
	_, _ = e.keyClient(g.Identifier, g.Secret, oauth2.AuthStyleInHeader).Token(ctx)
	// Sign-out.
	req, _ := http.NewRequest("POST", e.url("/oauth2/revoke"), strings.NewReader("client_id=sesame-desktop&token="+tok.RefreshToken))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	e.send(req)

	e.ts.Close()
	if err := e.srv.Close(ctx); err != nil {
		t.Fatal(err)
	}
	logs := e.logs.String()
	if !strings.Contains(logs, "login succeeded") || !strings.Contains(logs, g.Identifier) || !strings.Contains(logs, "last uses written") {
		t.Fatalf("the logs do not show the flow (so the search proves nothing):\n%s", logs)
	}
	files := map[string][]byte{"log": []byte(logs)}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if b, err := os.ReadFile(e.dbPath + suffix); err == nil {
			files["sesame.db"+suffix] = b
		} else if suffix == "" {
			t.Fatal(err)
		}
	}
	if len(files["sesame.db-wal"]) == 0 && len(files["sesame.db"]) == 0 {
		t.Fatal("nothing to search")
	}
	for i, s := range secrets {
		if len(s) < 16 {
			t.Fatalf("secret %d too short to search for", i)
		}
		// The whole value and a 12-character piece from its middle (a JWT: its
		// signature).
		mid := s[len(s)/2-6 : len(s)/2+6]
		if j := strings.LastIndexByte(s, '.'); j > 0 && len(s)-j > 20 {
			mid = s[j+1:]
		}
		for name, content := range files {
			if bytes.Contains(content, []byte(s)) || bytes.Contains(content, []byte(mid)) {
				t.Errorf("secret %d found in %s", i, name)
			}
		}
	}
}
