package httpserver_test

import (
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/api"
)

// POST /v1/keys/lookup-digests names, to an administrator, their own key behind each
// digest with its name, status and kind, and nothing of another firm's key; it takes
// digests only, at most service.MaxDigestLookup, and needs a session.
func TestLookupDigests(t *testing.T) {
	onBothStores(t, nil, func(t *testing.T, e *env) {
		_, admin := e.signIn(loginA, e.passwordA)
		_, other := e.signIn(loginB, e.passwordB)
		g := e.generate(admin.AccessToken, tiersA, "Exposée")
		stranger, _ := service.NewCredentials()
		req := api.FromDigests([][]byte{service.SecretDigest(g.Secret), service.SecretDigest(stranger.Secret)})

		lookup := func(bearer string, body any) (int, api.DigestMatches, api.Problem) {
			t.Helper()
			st, h, b := e.do("POST", "/v1/keys/lookup-digests", bearer, body)
			var m api.DigestMatches
			if st == http.StatusOK {
				if err := json.Unmarshal(b, &m); err != nil {
					t.Fatalf("%v in %s", err, b)
				}
				return st, m, api.Problem{}
			}
			return st, m, problem(t, h, b)
		}
		st, m, p := lookup(admin.AccessToken, req)
		if st != http.StatusOK || len(m.Matches) != 2 || m.Matches[0].Key == nil || m.Matches[0].Key.ID != g.Identifier ||
			m.Matches[0].Key.Name != "Exposée" || m.Matches[0].Key.Status != "active" || m.Matches[0].Key.Kind != "firm" ||
			m.Matches[1].Key != nil || m.Matches[0].Digest != req.Digests[0] || m.Matches[1].Digest != req.Digests[1] {
			t.Fatalf("look-up by the key's administrator: %d %+v %+v", st, m, p)
		}
		if st, m, _ := lookup(other.AccessToken, req); st != http.StatusOK || m.Matches[0].Key != nil || m.Matches[1].Key != nil {
			t.Fatalf("look-up by another firm's administrator: %d %+v", st, m)
		}
		if st, _, p := lookup("", req); st != http.StatusUnauthorized {
			t.Fatalf("look-up without a session: %d %+v", st, p)
		}
		for _, tc := range []struct {
			what   string
			digest string
			code   string
		}{
			{"the secret itself", g.Secret, string(service.MsgDigestMalformed)},
			{"a short digest", strings.Repeat("ab", 20), string(service.MsgDigestMalformed)},
		} {
			st, _, p := lookup(admin.AccessToken, api.DigestLookup{Digests: []string{tc.digest}})
			if st != http.StatusUnprocessableEntity || p.Code != service.MsgDigestMalformed {
				t.Fatalf("%s: %d %+v", tc.what, st, p)
			}
		}
		many := api.DigestLookup{Digests: make([]string, service.MaxDigestLookup+1)}
		for i := range many.Digests {
			many.Digests[i] = hex.EncodeToString(service.SecretDigest(string(rune(i))))
		}
		if st, _, p := lookup(admin.AccessToken, many); st != http.StatusUnprocessableEntity || p.Code != service.MsgDigestsTooMany {
			t.Fatalf("%d digests: %d %+v", len(many.Digests), st, p)
		}
		many.Digests = many.Digests[:service.MaxDigestLookup]
		if st, m, p := lookup(admin.AccessToken, many); st != http.StatusOK || len(m.Matches) != service.MaxDigestLookup {
			t.Fatalf("%d digests: %d %+v", len(many.Digests), st, p)
		}
	})
}
