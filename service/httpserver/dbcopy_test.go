package httpserver_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"golang.org/x/oauth2"

	"sesame/service/httpserver"
	"sesame/service/masterkey"
	"sesame/service/store/postgres"
	"sesame/service/store/sqlite"
)

// Issue 10, case 9: a read-only copy of the database (a backup, a replica) holds
// nothing that lets anyone mint a token the server accepts. The signing keys and the
// form secret are sealed by the master key, which is not in the database: no value
// in the copy is a private key; the live session's identifier, the refresh token, the
// tokens and the key's secret are nowhere in it; every session identifier and signing
// key identifier it does hold, put into a token signed by any other key, is refused
// by /v1 and inactive at introspection; every value of the OAuth2 tables, tried as a
// refresh token, is refused. And the server does not start on that database with
// another master key, or none.
func TestDatabaseCopyMintsNothing(t *testing.T) {
	onBothStores(t, nil, func(t *testing.T, e *env) {
		ctx := context.Background()
		cfg, admin := e.signIn(loginA, e.passwordA)
		g := e.generate(admin.AccessToken, tiersA, "Passerelle")
		witness := e.generate(admin.AccessToken, tiersA, "Témoin")
		cc, err := e.keyClient(g.Identifier, g.Secret, oauth2.AuthStyleInHeader).Token(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var claims struct {
			SID string `json:"sid"`
		}
		if err := json.Unmarshal(decodeSegment(t, strings.Split(admin.AccessToken, ".")[1]), &claims); err != nil || claims.SID == "" {
			t.Fatalf("sid claim: %v", err)
		}

		tables := copyDatabase(t, e)
		var all [][]byte
		for _, rows := range tables {
			for _, row := range rows {
				all = append(all, row...)
			}
		}
		if len(tables["oauth_signing_keys"]) == 0 || len(tables["oauth_sessions"]) == 0 || len(tables["oauth_secrets"]) == 0 {
			t.Fatalf("the copy lacks the OAuth2 tables: %v", len(tables))
		}

		// No private key in any form, and the keys and secrets sealed.
		for _, v := range all {
			for _, form := range decodings(v) {
				if _, err := x509.ParsePKCS8PrivateKey(form); err == nil {
					t.Fatal("the copy holds a private key")
				}
				if _, err := x509.ParseECPrivateKey(form); err == nil {
					t.Fatal("the copy holds an EC private key")
				}
			}
		}
		for _, table := range []string{"oauth_signing_keys", "oauth_secrets"} {
			for _, row := range tables[table] {
				sealed := false
				for _, v := range row {
					if _, ok := masterkey.SealedBy(v); ok {
						sealed = true
					}
				}
				if !sealed {
					t.Fatalf("a row of %s is not sealed by the master key", table)
				}
			}
		}
		// Nothing live in clear.
		for what, secret := range map[string]string{
			"session identifier": claims.SID, "refresh token": admin.RefreshToken,
			"access token": admin.AccessToken, "key token": cc.AccessToken, "key secret": g.Secret,
			"refresh token's random part": strings.Split(admin.RefreshToken, ".")[0],
		} {
			for _, v := range all {
				if bytes.Contains(v, []byte(secret)) {
					t.Fatalf("the copy holds the %s", what)
				}
			}
		}

		// Tokens minted from what the copy holds: refused.
		priv, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		now := time.Now()
		for _, kidRow := range tables["oauth_signing_keys"] {
			for _, sessRow := range tables["oauth_sessions"] {
				kid, sid := string(kidRow[0]), string(sessRow[0])
				admin := mint(t, priv, kid, map[string]any{"iss": e.issuer, "sub": loginA, "aud": []string{e.issuer + "/v1"},
					"client_id": httpserver.DesktopClientID, "sid": sid, "iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix(), "jti": "x"})
				if st, _ := e.profileStatus(admin); st != http.StatusUnauthorized {
					t.Fatalf("a token minted with the session %q of the copy: %d", sid, st)
				}
				if in := e.introspect(witness.Identifier, witness.Secret, admin); in["active"] != false {
					t.Fatalf("a minted administrator's token introspects %v", in)
				}
			}
			key := mint(t, priv, string(kidRow[0]), map[string]any{"iss": e.issuer, "sub": g.Identifier, "aud": []string{serviceLoop},
				"client_id": g.Identifier, "tiers": tiersA, "service": serviceLoop, "iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix(), "jti": "y"})
			if in := e.introspect(witness.Identifier, witness.Secret, key); in["active"] != false {
				t.Fatalf("a minted key token introspects %v", in)
			}
		}
		for _, table := range []string{"oauth_sessions", "oauth_refresh_tokens", "oauth_codes", "oauth_secrets"} {
			for _, row := range tables[table] {
				for _, v := range row {
					for _, form := range append(decodings(v), v) {
						if len(form) < 16 {
							continue
						}
						for _, tok := range []string{string(form), base64.RawURLEncoding.EncodeToString(form)} {
							if _, err := refresh(cfg, tok); err == nil {
								t.Fatalf("a value of %s works as a refresh token", table)
							}
						}
					}
				}
			}
		}

		// The server does not start on this database with another master key, or none.
		other, _ := masterkey.Generate()
		for _, mk := range []*masterkey.Key{other, nil} {
			_, err := httpserver.New(ctx, httpserver.Config{Store: e.st, Issuer: e.issuer, MasterKey: mk})
			if mk != nil && !errors.Is(err, masterkey.ErrWrongKey) || mk == nil && !errors.Is(err, httpserver.ErrNoMasterKey) {
				t.Fatalf("New with master key %v: %v", mk != nil, err)
			}
		}
		// The refused start changed nothing: the live session goes on.
		if st, _ := e.profileStatus(admin.AccessToken); st != http.StatusOK {
			t.Fatalf("the session after the refused starts: %d", st)
		}
	})
}

// copyDatabase returns every value of every table of a copy of e's database: for
// SQLite, the files copied and opened read-only; for PostgreSQL, every row read.
func copyDatabase(t *testing.T, e *env) map[string][][][]byte {
	t.Helper()
	var db *sql.DB
	var list string
	switch st := e.st.(type) {
	case *sqlite.Store:
		dir := t.TempDir()
		for _, suffix := range []string{"", "-wal", "-shm"} {
			b, err := os.ReadFile(e.dbPath + suffix)
			if err != nil && suffix == "" {
				t.Fatal(err)
			}
			if err == nil {
				if err := os.WriteFile(filepath.Join(dir, "copy.db"+suffix), b, 0o400); err != nil {
					t.Fatal(err)
				}
			}
		}
		var err error
		if db, err = sql.Open("sqlite", "file:"+filepath.Join(dir, "copy.db")+"?mode=ro"); err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		list = `SELECT name FROM sqlite_master WHERE type = 'table'`
	case *postgres.Store:
		db = st.DB()
		list = `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`
	default:
		t.Fatalf("unknown store %T", e.st)
	}
	var names []string
	rows, err := db.Query(list)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		_ = rows.Scan(&n)
		names = append(names, n)
	}
	rows.Close()
	out := map[string][][][]byte{}
	for _, n := range names {
		rows, err := db.Query(`SELECT * FROM "` + n + `"`)
		if err != nil {
			t.Fatalf("read %s: %v", n, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var row [][]byte
			for _, v := range vals {
				switch v := v.(type) {
				case []byte:
					row = append(row, v)
				case string:
					row = append(row, []byte(v))
				default:
					row = append(row, []byte(fmt.Sprint(v)))
				}
			}
			out[n] = append(out[n], row)
		}
		rows.Close()
	}
	return out
}

// decodings are the forms a stored value might hide a key in.
func decodings(v []byte) [][]byte {
	out := [][]byte{v}
	for _, dec := range []func(string) ([]byte, error){base64.StdEncoding.DecodeString, base64.RawURLEncoding.DecodeString, hex.DecodeString} {
		if b, err := dec(strings.TrimSpace(string(v))); err == nil {
			out = append(out, b)
		}
	}
	return out
}

// mint signs claims as the server would, with another key under a given kid.
func mint(t *testing.T, priv *ecdsa.PrivateKey, kid string, claims map[string]any) string {
	t.Helper()
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: jose.JSONWebKey{Key: priv, KeyID: kid}},
		(&jose.SignerOptions{}).WithType("at+jwt"))
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := json.Marshal(claims)
	jws, err := signer.Sign(payload)
	if err != nil {
		t.Fatal(err)
	}
	s, err := jws.CompactSerialize()
	if err != nil {
		t.Fatal(err)
	}
	return s
}
