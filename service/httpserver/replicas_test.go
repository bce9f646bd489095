package httpserver_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to create throw-away databases
	"golang.org/x/oauth2"

	"sesame/service/httpserver"
	"sesame/service/store"
	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
)

// newReplicas starts n servers, each with its own connection pool, on one new
// PostgreSQL database, behind one public issuer URL as a load balancer would be.
func newReplicas(t *testing.T, n int) []*env {
	t.Helper()
	dsn := pgtest.FreshDatabase(t)
	passwordA, passwordB := "A-"+rand.Text(), "B-"+rand.Text()
	var out []*env
	for i := range n {
		st, err := postgres.Open(context.Background(), dsn)
		if err != nil {
			t.Fatalf("postgres.Open: %v", err)
		}
		t.Cleanup(func() { _ = st.Close() })
		if i == 0 {
			seedFirms(t, st, passwordA, passwordB)
		}
		e := &env{t: t, st: st, passwordA: passwordA, passwordB: passwordB}
		e.start(func(c *httpserver.Config) { c.Issuer = "https://sesame.cabinet.test" })
		out = append(out, e)
	}
	return out
}

func TestTwoReplicasOnePostgres(t *testing.T) {
	r := newReplicas(t, 2)
	one, two := r[0], r[1]
	ctx := context.Background()

	// Signed in on one, the administrator works on two.
	cfg, tok := one.signIn(loginA, one.passwordA)
	if st, p := two.profileStatus(tok.AccessToken); st != http.StatusOK || p.Login != loginA {
		t.Fatalf("one's access token on two: %d", st)
	}
	// One's refresh token rotates on two; its reuse on one ends the session.
	cfg2 := *cfg
	cfg2.Endpoint.TokenURL = two.url("/oauth2/token")
	t1, err := refresh(&cfg2, tok.RefreshToken)
	if err != nil {
		t.Fatalf("refresh on two: %v", err)
	}
	var re *oauth2.RetrieveError
	if _, err := refresh(cfg, tok.RefreshToken); !errors.As(err, &re) || re.ErrorCode != "invalid_grant" {
		t.Fatalf("reuse on one: %v", err)
	}
	if st, _ := two.profileStatus(t1.AccessToken); st != http.StatusUnauthorized {
		t.Fatalf("after reuse on one, two still accepts the session: %d", st)
	}

	// A login page served by one, posted to two (the load balancer may do that).
	lb := newLoopback(t)
	oc := one.oauthConfig(lb.srv.URL + "/cb")
	verifier := oauth2.GenerateVerifier()
	b := newBrowser(t)
	_, _, f := b.open(oc.AuthCodeURL("s", oauth2.S256ChallengeOption(verifier)))
	f.values.Set("login", loginA)
	f.values.Set("password", one.passwordA)
	f.action = two.url("/oauth2/authorize")
	if status, _, page := b.submit(two.url("/oauth2/authorize"), f); status != http.StatusOK {
		t.Fatalf("form of one posted to two: %d %s", status, page)
	}
	q := <-lb.query
	oc.Endpoint.TokenURL = two.url("/oauth2/token")
	tok, err = oc.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("exchange on two of a code from one: %v", err)
	}

	// A key generated on one verifies on two; its token from two verifies against
	// one's JWKS and introspects active on one.
	g := one.generate(tok.AccessToken, tiersA, "Répliquée")
	w := two.generate(tok.AccessToken, tiersA, "Témoin")
	if st, _ := two.verify(g.Identifier, g.Secret); st != http.StatusOK {
		t.Fatalf("one's key on two: %d", st)
	}
	kt, err := two.keyClient(g.Identifier, g.Secret, oauth2.AuthStyleInHeader).Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	v := oidc.NewVerifier("https://sesame.cabinet.test", oidc.NewRemoteKeySet(ctx, one.url("/.well-known/jwks.json")),
		&oidc.Config{ClientID: serviceLoop, SupportedSigningAlgs: []string{oidc.ES256}})
	if _, err := v.Verify(ctx, kt.AccessToken); err != nil {
		t.Fatalf("two's token against one's JWKS: %v", err)
	}
	if in := one.introspect(w.Identifier, w.Secret, kt.AccessToken); in["active"] != true {
		t.Fatalf("two's token on one: %v", in)
	}

	// Revoked through two: refused by one within a second (its key cache hears of
	// it), then everywhere.
	at := time.Now()
	if st, _, body := two.do("POST", "/v1/keys/"+g.Identifier+"/revoke", tok.AccessToken, nil); st != http.StatusOK {
		t.Fatalf("revoke on two: %d %s", st, body)
	}
	one.refusedWithin("revoked on two, verified on one", g.Identifier, g.Secret, at, propagation)
	if _, err := one.keyClient(g.Identifier, g.Secret, oauth2.AuthStyleInParams).Token(ctx); !errors.As(err, &re) || re.ErrorCode != "invalid_client" {
		t.Fatalf("revoked on two, token on one: %v", err)
	}
	if in := one.introspect(w.Identifier, w.Secret, kt.AccessToken); in["active"] != false {
		t.Fatalf("revoked on two, its token on one: %v", in)
	}
	// Sign-out on one ends the session on two.
	form := url.Values{"token": {tok.RefreshToken}, "client_id": {httpserver.DesktopClientID}}
	req, _ := http.NewRequest("POST", one.url("/oauth2/revoke"), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if st, _, _ := one.send(req); st != http.StatusOK {
		t.Fatalf("sign-out on one: %d", st)
	}
	if st, _ := two.profileStatus(tok.AccessToken); st != http.StatusUnauthorized {
		t.Fatalf("signed out on one, still in on two: %d", st)
	}
}

// A signing key that one replica has not loaded yet (made by another since) is
// fetched from the database when a token names it.
func TestReplicaLoadsUnknownSigningKey(t *testing.T) {
	dsn := pgtest.FreshDatabase(t)
	open := func() httpserver.Store {
		st, err := postgres.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = st.Close() })
		return st
	}
	one := &env{t: t, st: open(), passwordA: "A-" + rand.Text(), passwordB: "B-" + rand.Text()}
	seedFirms(t, one.st, one.passwordA, one.passwordB)
	// Both replicas on one fake clock: the once-a-second reload is a step of it.
	clk := newFakeClock()
	onClock := func(c *httpserver.Config) { c.Issuer = "https://sesame.cabinet.test"; c.Now = clk.Now }
	one.start(onClock)

	// Another replica made a key three minutes ago: old enough to sign with.
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKCS8PrivateKey(priv)
	if err := one.st.AddSigningKey(context.Background(), store.SigningKey{ID: "made-elsewhere", Algorithm: "ES256", PrivateDER: der, CreatedAt: clk.Now().Add(-3 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	two := &env{t: t, st: open(), passwordA: one.passwordA, passwordB: one.passwordB}
	two.start(onClock)

	_, tok := two.signIn(loginA, two.passwordA)
	if kid := jwtKID(t, tok.AccessToken); kid != "made-elsewhere" {
		t.Fatalf("two signs with %q", kid)
	}
	clk.Advance(1100 * time.Millisecond) // one reloads on a miss at most once a second
	if st, _ := one.profileStatus(tok.AccessToken); st != http.StatusOK {
		t.Fatalf("one refuses a token signed with a key it had not loaded: %d", st)
	}
	status, _, body := one.do("GET", "/.well-known/jwks.json", "", nil)
	if status != http.StatusOK || !strings.Contains(string(body), `"kid":"made-elsewhere"`) {
		t.Fatalf("one's JWKS after the reload: %s", body)
	}
}

func jwtKID(t *testing.T, jwt string) string {
	t.Helper()
	raw, err := base64.RawURLEncoding.DecodeString(strings.SplitN(jwt, ".", 2)[0])
	if err != nil {
		t.Fatal(err)
	}
	var h struct{ Kid string }
	if err := json.Unmarshal(raw, &h); err != nil {
		t.Fatal(err)
	}
	return h.Kid
}
