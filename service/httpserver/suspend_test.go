package httpserver_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"sesame/service"
	"sesame/service/api"
	"sesame/service/msg"
	"sesame/service/store/postgres/pgtest"
)

// suspendCall posts a reason to /v1/keys/{id}/{verb} and returns the status, the
// key (on success) and the problem (on failure).
func (e *env) suspendCall(bearer, id, verb, reason string) (int, api.Key, api.Problem) {
	e.t.Helper()
	st, h, body := e.do("POST", "/v1/keys/"+id+"/"+verb, bearer, api.SuspendRequest{Reason: reason})
	var k api.KeyAction
	if st == http.StatusOK {
		if err := json.Unmarshal(body, &k); err != nil {
			e.t.Fatalf("%s %s: %v in %s", verb, id, err, body)
		}
		return st, k.Key, api.Problem{}
	}
	return st, k.Key, problem(e.t, h, body)
}

// keyWorks reports, for each path that accepts a key, whether it let the key
// through: POST /v1/verify, the gateway, and a client_credentials token.
func (e *env) keyWorks(id, secret string) (verify, gateway, token bool) {
	e.t.Helper()
	st, _ := e.verify(id, secret)
	verify = st == http.StatusOK
	gst, _, _ := e.gateway("/v1/gateway/"+serviceLoop, map[string][]string{"X-Apikey": {id + ":" + secret}})
	gateway = gst == http.StatusNoContent
	_, err := e.keyClient(id, secret, oauth2.AuthStyleInHeader).Token(context.Background())
	token = err == nil
	var re *oauth2.RetrieveError
	if err != nil && (!errors.As(err, &re) || re.ErrorCode != "invalid_client") {
		e.t.Fatalf("token of %s: %v", id, err)
	}
	return verify, gateway, token
}

// A suspended key is refused on every path a revoked key is (verify, gateway,
// client_credentials, its tokens at introspection), and works again once resumed;
// both are journaled with their reason, refused without one, refused to another
// firm's administrator, and a suspended key can be revoked.
func TestSuspendAndResume(t *testing.T) {
	onBothStores(t, nil, func(t *testing.T, e *env) {
		ctx := context.Background()
		_, admin := e.signIn(loginA, e.passwordA)
		_, other := e.signIn(loginB, e.passwordB)
		g := e.generate(admin.AccessToken, tiersA, "Partenaire Durand")
		witness := e.generate(admin.AccessToken, tiersA, "Témoin")
		tok, err := e.keyClient(g.Identifier, g.Secret, oauth2.AuthStyleInHeader).Token(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v, gw, tk := e.keyWorks(g.Identifier, g.Secret); !v || !gw || !tk {
			t.Fatalf("before suspension: verify %v, gateway %v, token %v", v, gw, tk)
		}

		// No reason, or another firm's administrator: refused, nothing changes.
		if st, _, p := e.suspendCall(admin.AccessToken, g.Identifier, "suspend", "  "); st/100 != 4 ||
			p.Kind != service.EINVALID || p.Code != service.MsgSuspendReasonBlank || p.Field != "reason" ||
			p.Detail != msg.Text(service.MsgSuspendReasonBlank, msg.French, nil) {
			t.Fatalf("suspend without a reason: %d %+v", st, p)
		}
		if st, _, p := e.suspendCall(other.AccessToken, g.Identifier, "suspend", "Pas mon cabinet"); st != http.StatusNotFound || p.Kind != service.ENOTFOUND {
			t.Fatalf("suspend by another firm: %d %+v", st, p)
		}
		if v, _, _ := e.keyWorks(g.Identifier, g.Secret); !v {
			t.Fatal("a refused suspension suspended the key")
		}

		st, k, p := e.suspendCall(admin.AccessToken, g.Identifier, "suspend", "Fuite signalée par le partenaire")
		if st != http.StatusOK || k.Status != string(service.StatusSuspended) || k.Suspension == nil ||
			k.Suspension.By != "DELHUMEAU Vincent" || k.Suspension.Reason != "Fuite signalée par le partenaire" {
			t.Fatalf("suspend: %d %+v %+v", st, k, p)
		}
		if v, gw, tk := e.keyWorks(g.Identifier, g.Secret); v || gw || tk {
			t.Fatalf("suspended: verify %v, gateway %v, token %v; want all refused", v, gw, tk)
		}
		if in := e.introspect(witness.Identifier, witness.Secret, tok.AccessToken); in["active"] != false {
			t.Fatalf("the suspended key's token at introspection: %v", in)
		}
		if v, _, _ := e.keyWorks(witness.Identifier, witness.Secret); !v {
			t.Fatal("the other key was refused")
		}
		// The list's status criterion finds it; the resumption by another firm, of an
		// active key or twice the suspension are refused with their sentence.
		_, _, body := e.do("GET", "/v1/keys?tiers="+tiersA+"&service="+serviceLoop+"&status=suspended", admin.AccessToken, nil)
		var page api.KeyPage
		if json.Unmarshal(body, &page) != nil || len(page.Keys) != 1 || page.Keys[0].ID != g.Identifier {
			t.Fatalf("list of suspended keys: %s", body)
		}
		for _, tc := range []struct {
			what, bearer, id, verb string
			status                 int
			code                   msg.Code
		}{
			{"suspend twice", admin.AccessToken, g.Identifier, "suspend", http.StatusConflict, service.MsgKeySuspended},
			{"resume an active key", admin.AccessToken, witness.Identifier, "resume", http.StatusConflict, service.MsgKeyNotSuspended},
			{"resume by another firm", other.AccessToken, g.Identifier, "resume", http.StatusNotFound, service.MsgKeyNotFound},
		} {
			if st, _, p := e.suspendCall(tc.bearer, tc.id, tc.verb, "Essai"); st != tc.status || p.Code != tc.code || p.Detail != msg.Text(tc.code, msg.French, nil) {
				t.Fatalf("%s: %d %+v", tc.what, st, p)
			}
		}

		st, k, p = e.suspendCall(admin.AccessToken, g.Identifier, "resume", "Partenaire joint : rien n'a fui")
		if st != http.StatusOK || k.Status != string(service.StatusActive) || k.Suspension != nil {
			t.Fatalf("resume: %d %+v %+v", st, k, p)
		}
		if v, gw, tk := e.keyWorks(g.Identifier, g.Secret); !v || !gw || !tk {
			t.Fatalf("resumed: verify %v, gateway %v, token %v; want all accepted", v, gw, tk)
		}

		// Suspended again, then revoked.
		if st, _, p := e.suspendCall(admin.AccessToken, g.Identifier, "suspend", "Contrat terminé"); st != http.StatusOK {
			t.Fatalf("second suspension: %d %+v", st, p)
		}
		if st, _, body := e.do("POST", "/v1/keys/"+g.Identifier+"/revoke", admin.AccessToken, nil); st != http.StatusOK || !strings.Contains(string(body), `"status":"revoked"`) {
			t.Fatalf("revoke a suspended key: %d %s", st, body)
		}

		// The journal says who, what and why, newest first.
		_, _, body = e.do("GET", "/v1/audit?tiers="+tiersA, admin.AccessToken, nil)
		var ap api.AuditPage
		if err := json.Unmarshal(body, &ap); err != nil {
			t.Fatalf("audit: %v %s", err, body)
		}
		var got []string
		for _, ev := range ap.Events {
			if ev.KeyID == g.Identifier {
				got = append(got, ev.Action+":"+ev.Detail+":"+ev.Actor)
			}
		}
		want := []string{"revoke::DELHUMEAU Vincent", "suspend:Contrat terminé:DELHUMEAU Vincent",
			"resume:Partenaire joint : rien n'a fui:DELHUMEAU Vincent",
			"suspend:Fuite signalée par le partenaire:DELHUMEAU Vincent", "generate:expires=none:DELHUMEAU Vincent"}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("journal of the key, newest first:\n got %q\nwant %q", got, want)
		}
	})
}

// Replicas with key caches learn of a suspension and of a resumption made through
// another replica from the database's announcements.
func TestReplicasLearnSuspension(t *testing.T) {
	dsn := pgtest.FreshDatabase(t)
	one := cachedReplica(t, dsn, nil, nil)
	two := cachedReplica(t, dsn, one, nil)
	_, admin := one.signIn(loginA, one.passwordA)
	g := one.generate(admin.AccessToken, tiersA, "Suspendue ailleurs")
	one.warm(g.Identifier, g.Secret)
	two.warm(g.Identifier, g.Secret)

	at := time.Now()
	if st, _, p := two.suspendCall(admin.AccessToken, g.Identifier, "suspend", "Contrôle"); st != http.StatusOK {
		t.Fatalf("suspend on two: %d %+v", st, p)
	}
	one.refusedWithin("suspended on two, verified on one", g.Identifier, g.Secret, at, propagation)
	if st, _, p := two.suspendCall(admin.AccessToken, g.Identifier, "resume", "Contrôle terminé"); st != http.StatusOK {
		t.Fatalf("resume on two: %d %+v", st, p)
	}
	waitFor(t, "the resumed key accepted by one", func() bool {
		st, _ := one.verify(g.Identifier, g.Secret)
		return st == http.StatusOK
	})
}
