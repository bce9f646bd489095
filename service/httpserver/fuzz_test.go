package httpserver_test

import (
	"bufio"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"sesame/service/httpserver"
)

// fuzzTarget is one server the whole-handler fuzz test drives, with what a caller
// may present to reach past authentication.
type fuzzTarget struct {
	name    string
	handler http.Handler
	bearer  string // an administrator's access token
	apiKey  string // "identifier:secret" of a usable key
}

// Flags of a fuzz input: which credentials and body type to add.
const (
	fuzzBearer = 1 << iota // Authorization: Bearer <administrator's token>
	fuzzAPIKey             // x-apikey: <usable key>
	fuzzJSON               // Content-Type: application/json
	fuzzForm               // Content-Type: application/x-www-form-urlencoded
	fuzzBasic              // Authorization: Basic <usable key> (client_credentials)
)

// FuzzHandler drives the whole HTTP handler, on SQLite and on PostgreSQL, with any
// method, path, query, headers and body the Go HTTP server would accept, and fails
// on a panic or any 5xx answer but one: the gateway endpoint's 500 for a location
// that names no service, which its documentation requires. `go test` runs the seed
// corpus; `make test` also fuzzes for a few seconds.
func FuzzHandler(f *testing.F) {
	limits := func(c *httpserver.Config) {
		c.IdentifierLimit = httpserver.Limit{Burst: 1 << 30, Every: 1}
		c.AddressLimit = httpserver.Limit{Burst: 1 << 30, Every: 1}
	}
	var targets []fuzzTarget
	for _, e := range []*env{newEnv(f, limits), newPostgresEnv(f, limits)} {
		_, tok := e.signIn(loginA, e.passwordA)
		g := e.generate(tok.AccessToken, tiersA, "Fuzz")
		name := "sqlite"
		if len(targets) == 1 {
			name = "postgres"
		}
		targets = append(targets, fuzzTarget{name: name, handler: e.srv.Handler(), bearer: tok.AccessToken, apiKey: g.Identifier + ":" + g.Secret})
	}

	for _, s := range fuzzSeeds {
		f.Add(s.method, s.target, s.header, []byte(s.body), s.flags)
	}
	f.Fuzz(func(t *testing.T, method, target, header string, body []byte, flags uint8) {
		for _, tg := range targets {
			req, ok := fuzzRequest(tg, method, target, header, body, flags)
			if !ok {
				return // the HTTP server itself would have answered 400
			}
			rec := httptest.NewRecorder()
			tg.handler.ServeHTTP(rec, req)
			if rec.Code >= 500 && !gatewayConfigError(req, rec) {
				// The credentials the test added stay out of the output.
				t.Fatalf("%s: %d for %q %q, headers %q, body %q, flags %b:\n%s",
					tg.name, rec.Code, method, target, header, body, flags, rec.Body.String())
			}
		}
	})
}

// fuzzRequest reads the request as the HTTP server would, from its wire form.
func fuzzRequest(tg fuzzTarget, method, target, header string, body []byte, flags uint8) (*http.Request, bool) {
	var b strings.Builder
	b.WriteString(method + " " + target + " HTTP/1.1\r\nHost: sesame.test\r\n")
	if header != "" {
		b.WriteString(strings.TrimRight(header, "\r\n") + "\r\n")
	}
	switch {
	case flags&fuzzBearer != 0:
		b.WriteString("Authorization: Bearer " + tg.bearer + "\r\n")
	case flags&fuzzBasic != 0:
		b.WriteString("Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte(tg.apiKey)) + "\r\n")
	}
	if flags&fuzzAPIKey != 0 {
		b.WriteString("x-apikey: " + tg.apiKey + "\r\n")
	}
	switch {
	case flags&fuzzJSON != 0:
		b.WriteString("Content-Type: application/json\r\n")
	case flags&fuzzForm != 0:
		b.WriteString("Content-Type: application/x-www-form-urlencoded\r\n")
	}
	b.WriteString("Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n")
	b.Write(body)
	req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(b.String())))
	if err != nil {
		return nil, false
	}
	req.RemoteAddr = "192.0.2.1:40000"
	return req, true
}

// gatewayConfigError is the gateway endpoint's documented 500: the location names
// no service of the catalogue that accepts keys.
func gatewayConfigError(req *http.Request, rec *httptest.ResponseRecorder) bool {
	return rec.Code == http.StatusInternalServerError && strings.HasPrefix(req.URL.Path, "/v1/gateway") &&
		strings.Contains(rec.Body.String(), "La passerelle ne nomme aucun service")
}

// fuzzSeeds reach every route with good and bad input; the first cases are those
// of issue 10.
var fuzzSeeds = []struct {
	method, target, header, body string
	flags                        uint8
}{
	{"GET", "/v1/keys?tiers=95963&service=loop-apikey&name=a%00b", "", "", fuzzBearer},
	{"GET", "/v1/keys?tiers=95963&service=loop-apikey&name=a%FFb", "", "", fuzzBearer},
	{"POST", "/oauth2/authorize", "", "login=vin%00cent&password=x&client_id=sesame-desktop", fuzzForm},
	{"POST", "/oauth2/authorize", "", "login=vin%FFcent&password=x&client_id=sesame-desktop", fuzzForm},
	{"POST", "/v1/keys", "", "{\"tiers\":\"95963\",\"service\":\"loop-apikey\",\"name\":\"Caf\xff\"}", fuzzBearer | fuzzJSON},
	{"POST", "/v1/keys", "", `{"tiers":"95963","service":"loop-apikey","name":"Caf\ud800"}`, fuzzBearer | fuzzJSON},
	{"POST", "/v1/keys", "", `{"tiers":"95963","service":"loop-apikey","name":"Clé"}`, fuzzBearer | fuzzJSON},
	{"POST", "/v1/keys", "", `{"tiers":"95963","service":"loop-apikey","name":"` + strings.Repeat("é", 300) + `"}`, fuzzBearer | fuzzJSON},
	{"POST", "/v1/keys", "", `{"tiers":"12345","service":"nope","name":"x","expires_at":"2999-01-01T00:00:00Z"}`, fuzzBearer | fuzzJSON},
	{"GET", "/v1/keys?tiers=95963&service=loop-apikey&sort=name&desc=1&limit=-1&cursor=%FF", "", "", fuzzBearer},
	{"GET", "/v1/keys?tiers=95963&service=loop-apikey&limit=99999999999999999999&cursor=zzzz&status=revoked", "", "", fuzzBearer},
	{"GET", "/v1/keys?status=nope&sort=nope&expires_before=x&unused_since=-1", "", "", fuzzBearer},
	{"GET", "/v1/keys/0000-0000-0000-0001", "", "", fuzzBearer},
	{"GET", "/v1/keys/expiring?within=-1", "", "", fuzzBearer},
	{"POST", "/v1/keys/0000-0000-0000-0001/revoke", "", "", fuzzBearer},
	{"POST", "/v1/keys/%FF/revoke", "", "", fuzzBearer},
	{"POST", "/v1/keys/0000-0000-0000-0001/renew", "", `{"grace":"x"}`, fuzzBearer | fuzzJSON},
	{"POST", "/v1/keys/0000-0000-0000-0001/end-grace", "", "", fuzzBearer},
	{"GET", "/v1/audit?tiers=95963&before=-5&limit=0", "", "", fuzzBearer},
	{"GET", "/v1/audit?tiers=%00", "", "", fuzzBearer},
	{"GET", "/v1/profile", "", "", fuzzBearer},
	{"GET", "/v1/catalogue?category=%C3%A9", "", "", fuzzBearer},
	{"GET", "/v1/profile", "Authorization: Bearer \xff", "", 0},
	{"POST", "/v1/verify", "", "", fuzzAPIKey},
	{"POST", "/v1/verify?service=loop-apikey", "x-apikey: 0000-0000-0000-0001:\xff", "", 0},
	{"POST", "/v1/verify", "x-apikey: \xff\xfe:ssk", "", 0},
	{"GET", "/v1/gateway/loop-apikey", "", "", fuzzAPIKey},
	{"GET", "/v1/gateway", "X-Sesame-Service: \xff\r\nX-Original-URI: /api/\xff", "", fuzzAPIKey},
	{"GET", "/v1/gateway?service=%FF", "", "", fuzzAPIKey},
	{"POST", "/oauth2/token", "", "grant_type=client_credentials", fuzzForm | fuzzBasic},
	{"POST", "/oauth2/token", "", "grant_type=refresh_token&refresh_token=%00&client_id=sesame-desktop", fuzzForm},
	{"POST", "/oauth2/token", "", "grant_type=authorization_code&code=x&code_verifier=y&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&client_id=sesame-desktop", fuzzForm},
	{"POST", "/oauth2/token", "", "grant_type=client_credentials&client_id=%FF&client_secret=x", fuzzForm},
	{"POST", "/oauth2/introspect", "", "token=abc.def.ghi", fuzzForm | fuzzBasic},
	{"POST", "/oauth2/revoke", "", "token=%FF&token_type_hint=refresh_token", fuzzForm | fuzzBasic},
	{"GET", "/oauth2/authorize?response_type=code&client_id=sesame-desktop&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=%FF", "", "", 0},
	{"GET", "/.well-known/oauth-authorization-server", "", "", 0},
	{"GET", "/.well-known/jwks.json", "", "", 0},
	{"GET", "/healthz", "", "", 0},
	{"GET", "/readyz", "", "", 0},
	{"GET", "/metrics", "", "", 0},
	{"GET", "/nothing/%00", "", "", 0},
	{"PUT", "/v1/keys", "", "{}", fuzzBearer | fuzzJSON},
	{"GET", "/v1/keys?a=1;b=2&%zz", "", "", fuzzBearer},
	{"POST", "/v1/keys", "", "\x00\x01", fuzzBearer},
}
