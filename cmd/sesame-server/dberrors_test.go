package main_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/api"
	"sesame/service/local"
	"sesame/service/msg"
	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
)

// PostgreSQL stopped (nothing on the port), a user it refuses, a database it does not
// have: the operator reads what is wrong with the server's database, not the
// desktop's « Le serveur du cabinet ne répond pas ».
func TestDatabaseFailuresSayWhatIsWrong(t *testing.T) {
	server, err := url.Parse(pgtest.ServerURL(t))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	freePort := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	variant := func(change func(u *url.URL)) string {
		u := *server
		change(&u)
		return u.String()
	}
	for _, tc := range []struct {
		dsn  string
		want msg.Code
	}{
		{variant(func(u *url.URL) { u.Host = "127.0.0.1:" + freePort }), service.MsgDBUnreachable},
		{variant(func(u *url.URL) { u.User = url.User("inconnu_de_postgres") }), service.MsgDBUserRefused},
		{variant(func(u *url.URL) { u.Path = "/base_absente" }), service.MsgDBMissing},
	} {
		for _, args := range [][]string{
			{"init", "--db", tc.dsn},
			{"tiers", "add", "--db", tc.dsn, "--code", "95963", "--name", "X"},
		} {
			r := sesame(t, "", args...)
			oneLineError(t, r, 1, msg.T(tc.want, nil))
			if strings.Contains(r.stderr, msg.T(service.MsgUnavailable, nil)) {
				t.Errorf("%v: the desktop's sentence: %s", args, r.stderr)
			}
		}
	}
}

// A database that disappears under a running server: API clients get a 503 whose
// problem document says so.
func TestDatabaseGoneAnswers503WithTheReason(t *testing.T) {
	dsn := initDB(t, pgtest.FreshDatabase(t))
	sesame(t, "", "tiers", "add", "--db", dsn, "--code", "95963", "--name", "FUTUROSCOPE CEDEX")
	addAdmin(t, dsn, "sam", "Pass phrase for sam")
	st, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	if err := local.SeedCatalogue(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	g, err := local.New(st, "sam").Generate(context.Background(), service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Passerelle"})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	_, base, _ := startServe(t, "serve", "--db", dsn, "--listen", "127.0.0.1:0")

	admin, err := sql.Open("pgx", pgtest.ServerURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	u, _ := url.Parse(dsn)
	if _, err := admin.Exec(`DROP DATABASE ` + strings.TrimPrefix(u.Path, "/") + ` WITH (FORCE)`); err != nil {
		t.Fatal(err)
	}
	// The first requests may find their pooled connections cut (the database is
	// unreachable for them); once a new connection is made, it says the database is
	// gone. Every answer is a 503 that speaks of the database.
	for i := 0; ; i++ {
		req, _ := http.NewRequest("POST", base+"/v1/verify", nil)
		req.Header.Set("x-apikey", g.Credentials.Identifier+":"+g.Credentials.Secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var p api.Problem
		err = json.NewDecoder(resp.Body).Decode(&p)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusServiceUnavailable || (p.Code != service.MsgDBMissing && p.Code != service.MsgDBUnreachable) || p.Detail != msg.T(p.Code, nil) {
			t.Fatalf("verify with the database gone: %d %+v %v, want 503 saying what is wrong with the database", resp.StatusCode, p, err)
		}
		if p.Code == service.MsgDBMissing {
			break
		}
		if i == 50 {
			t.Fatalf("50 answers said the database is unreachable, none that it is gone")
		}
	}
}
