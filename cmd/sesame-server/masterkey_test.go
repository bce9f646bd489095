package main_test

import (
	"context"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"sesame/service/httpserver/servertest"
	"sesame/service/masterkey"
	"sesame/service/store/postgres/pgtest"
)

// Issue 10, case 9: serve needs the master key that sealed the database's secrets;
// master-key init makes one (0600, never over another); without one, or with another,
// serve refuses to start and says why; master-key rotate seals them under a new key,
// after which the old one no longer opens the database, the new one does, and the
// sessions open before go on.
func TestMasterKeyCommands(t *testing.T) {
	for name, dsn := range map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "sesame.db") },
		"postgres": func(t *testing.T) string { return pgtest.FreshDatabase(t) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			db := initDB(t, dsn(t))
			k1, k2, k3 := filepath.Join(dir, "k1"), filepath.Join(dir, "k2"), filepath.Join(dir, "k3")
			r := sesame(t, "", "master-key", "init", "--file", k1)
			if r.code != 0 || !strings.Contains(r.stdout, k1) {
				t.Fatalf("master-key init: %+v", r)
			}
			if fi, err := os.Stat(k1); err != nil || fi.Mode().Perm() != 0o600 {
				t.Fatalf("key file: %v %v, want mode 0600", fi.Mode(), err)
			}
			before, _ := os.ReadFile(k1)
			oneLineError(t, sesame(t, "", "master-key", "init", "--file", k1), 1, "existe déjà")
			if after, _ := os.ReadFile(k1); string(after) != string(before) {
				t.Fatal("master-key init overwrote a key")
			}
			key1, err := masterkey.Load(k1)
			if err != nil {
				t.Fatal(err)
			}
			sesame(t, "", "master-key", "init", "--file", k2)

			oneLineError(t, sesame(t, "", "serve", "--db", db, "--listen", "127.0.0.1:0"), 1, "aucune clé maîtresse")

			sesame(t, "", "tiers", "add", "--db", db, "--code", "95963", "--name", "FUTUROSCOPE CEDEX")
			pw := "Pass phrase " + rand.Text()
			addAdmin(t, db, "sam", pw)
			cmd, base, _ := startServe(t, "serve", "--db", db, "--listen", "127.0.0.1:0", "--master-key-file", k1)
			cfg, tok := signIn(t, base, "sam", pw)
			_ = cmd.Process.Kill()
			_ = cmd.Wait()

			oneLineError(t, sesame(t, "", "serve", "--db", db, "--listen", "127.0.0.1:0"), 1, "aucune clé maîtresse")
			oneLineError(t, sesame(t, "", "serve", "--db", db, "--listen", "127.0.0.1:0", "--master-key-file", k2), 1, "n'est pas celle qui a chiffré les secrets de cette base (empreinte "+key1.ID())
			if err := os.Chmod(k1, 0o644); err != nil {
				t.Fatal(err)
			}
			oneLineError(t, sesame(t, "", "serve", "--db", db, "--listen", "127.0.0.1:0", "--master-key-file", k1), 1, "chmod 600")
			_ = os.Chmod(k1, 0o600)

			oneLineError(t, sesame(t, "", "master-key", "rotate", "--db", db, "--master-key-file", k2, "--new-file", k3), 1, "n'est pas celle qui a chiffré")
			if _, err := os.Stat(k3); !os.IsNotExist(err) {
				t.Fatal("a failed rotation left its new key file")
			}
			r = sesame(t, "", "master-key", "rotate", "--db", db, "--master-key-file", k1, "--new-file", k3)
			if r.code != 0 || !strings.Contains(r.stdout, "rechiffrés") {
				t.Fatalf("master-key rotate: %+v", r)
			}
			oneLineError(t, sesame(t, "", "serve", "--db", db, "--listen", "127.0.0.1:0", "--master-key-file", k1), 1, "n'est pas celle qui a chiffré")
			_, base, _ = startServe(t, "serve", "--db", db, "--listen", "127.0.0.1:0", "--master-key-file", k3)
			cfg.Endpoint.TokenURL = base + "/oauth2/token"
			next, err := cfg.TokenSource(context.Background(), &oauth2.Token{RefreshToken: tok.RefreshToken}).Token()
			if err != nil {
				t.Fatalf("the session opened before the rotation: %v", err)
			}
			if status := profile(t, base, next.AccessToken); status != 200 {
				t.Fatalf("access token after the rotation: %d", status)
			}
			if _, _, err := servertest.SignIn(context.Background(), base, "sam", pw); err != nil {
				t.Fatalf("sign in after the rotation: %v", err)
			}
		})
	}
}
