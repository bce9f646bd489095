package main_test

import (
	"context"
	"crypto/rand"
	"errors"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"sesame/service/httpserver/servertest"
	"sesame/service/store/postgres/pgtest"
)

// Issue 10, case 4: a password change (admin add --replace), admin remove and admin
// sessions revoke end every session of that administrator at once, on a running
// server: the access tokens are refused by the next request and the refresh tokens by
// the token endpoint (through the real x/oauth2 client). Other administrators keep
// theirs.
func TestAdminSessionsEnd(t *testing.T) {
	for name, dsn := range map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "sesame.db") },
		"postgres": func(t *testing.T) string { return pgtest.FreshDatabase(t) },
	} {
		t.Run(name, func(t *testing.T) {
			db := initDB(t, dsn(t))
			ctx := context.Background()
			sesame(t, "", "tiers", "add", "--db", db, "--code", "95963", "--name", "FUTUROSCOPE CEDEX")
			samPW, otherPW := "Pass phrase "+rand.Text(), "Pass phrase "+rand.Text()
			addAdmin(t, db, "sam", samPW)
			addAdmin(t, db, "zoe", otherPW)
			_, base, _ := startServe(t, "serve", "--db", db, "--listen", "127.0.0.1:0")

			zoeCfg, zoe := signIn(t, base, "zoe", otherPW)

			// admin sessions revoke: both of sam's sessions end.
			cfg1, s1 := signIn(t, base, "sam", samPW)
			cfg2, s2 := signIn(t, base, "sam", samPW)
			r := sesame(t, "", "admin", "sessions", "revoke", "--db", db, "--login", "sam")
			if r.code != 0 || !strings.Contains(r.stdout, "2 sessions fermées") {
				t.Fatalf("admin sessions revoke: %+v", r)
			}
			ended(t, base, cfg1, s1, "after admin sessions revoke")
			ended(t, base, cfg2, s2, "after admin sessions revoke")

			// A password change: the old sessions end, the new password signs in, the
			// old one no longer does.
			cfg3, s3 := signIn(t, base, "sam", samPW)
			newPW := "Pass phrase " + rand.Text()
			r = sesame(t, newPW+"\n", "admin", "add", "--db", db, "--login", "sam", "--name", "SAM Samuel", "--tiers", "95963", "--replace")
			if r.code != 0 || !strings.Contains(r.stdout, "1 session fermée") {
				t.Fatalf("admin add --replace: %+v", r)
			}
			ended(t, base, cfg3, s3, "after a password change")
			if _, _, err := servertest.SignIn(ctx, base, "sam", samPW); err == nil {
				t.Fatal("the old password still signs in")
			}
			cfg4, s4 := signIn(t, base, "sam", newPW)

			// The same password again (a change of tiers, say) keeps the sessions.
			r = sesame(t, newPW+"\n", "admin", "add", "--db", db, "--login", "sam", "--name", "SAM Samuel", "--tiers", "95963", "--replace")
			if r.code != 0 || strings.Contains(r.stdout, "fermée") {
				t.Fatalf("admin add --replace, same password: %+v", r)
			}
			if status := profile(t, base, s4.AccessToken); status != http.StatusOK {
				t.Fatalf("session after a replace without a new password: %d", status)
			}

			// admin remove.
			r = sesame(t, "", "admin", "remove", "--db", db, "--login", "sam")
			if r.code != 0 || !strings.Contains(r.stdout, "1 session fermée") {
				t.Fatalf("admin remove: %+v", r)
			}
			ended(t, base, cfg4, s4, "after admin remove")
			if _, _, err := servertest.SignIn(ctx, base, "sam", newPW); err == nil {
				t.Fatal("a removed administrator signs in")
			}
			oneLineError(t, sesame(t, "", "admin", "remove", "--db", db, "--login", "sam"), 1, "Administrateur inconnu")

			// Zoé was never touched.
			if status := profile(t, base, zoe.AccessToken); status != http.StatusOK {
				t.Fatalf("another administrator's access token: %d", status)
			}
			if _, err := zoeCfg.TokenSource(ctx, &oauth2.Token{RefreshToken: zoe.RefreshToken}).Token(); err != nil {
				t.Fatalf("another administrator's refresh: %v", err)
			}
		})
	}
}

func addAdmin(t *testing.T, db, login, password string) {
	t.Helper()
	if r := sesame(t, password+"\n", "admin", "add", "--db", db, "--login", login, "--name", strings.ToUpper(login), "--tiers", "95963"); r.code != 0 {
		t.Fatalf("admin add %s: %+v", login, r)
	}
}

func signIn(t *testing.T, base, login, password string) (*oauth2.Config, *oauth2.Token) {
	t.Helper()
	cfg, tok, err := servertest.SignIn(context.Background(), base, login, password)
	if err != nil {
		t.Fatalf("sign in %s: %v", login, err)
	}
	if status := profile(t, base, tok.AccessToken); status != http.StatusOK {
		t.Fatalf("fresh access token of %s: %d", login, status)
	}
	return cfg, tok
}

// ended checks that a session's access token is refused (401) and its refresh token
// too (invalid_grant through x/oauth2).
func ended(t *testing.T, base string, cfg *oauth2.Config, tok *oauth2.Token, when string) {
	t.Helper()
	if status := profile(t, base, tok.AccessToken); status != http.StatusUnauthorized {
		t.Fatalf("access token %s: %d, want 401", when, status)
	}
	_, err := cfg.TokenSource(context.Background(), &oauth2.Token{RefreshToken: tok.RefreshToken}).Token()
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || re.ErrorCode != "invalid_grant" {
		t.Fatalf("refresh %s: %v, want invalid_grant", when, err)
	}
}

func profile(t *testing.T, base, accessToken string) int {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/v1/profile", nil)
	req.Header.Set("Authorization", "Bearer "+accessToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
