package httpserver_test

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"sesame/service"
	"sesame/service/api"
	"sesame/service/httpserver"
	"sesame/service/msg"
)

// TestV1AuditJournal, on SQLite and PostgreSQL: sign-ins are recorded with the
// address; the journal's criteria, its CSV export (as Excel reads it, ending with
// the firm's head) and its verification work over /v1, for the caller's firm only:
// its own event count, and as the head its own newest event, not the chain's, which
// would tell how many events another firm wrote since; an event altered in the
// database is named by /v1/audit/verify.
func TestV1AuditJournal(t *testing.T) {
	onBothStores(t, nil, testV1AuditJournal)
}

func testV1AuditJournal(t *testing.T, e *env) {
	_, tokA := e.signIn(loginA, e.passwordA)
	_, tokB := e.signIn(loginB, e.passwordB)
	a, b := tokA.AccessToken, tokB.AccessToken
	g := e.generate(a, tiersA, "Synchro Élève")
	e.generate(a, tiersAAttached, "Paie")
	e.generate(b, tiersB, "Clé de B")
	if status, _, body := e.do("POST", "/v1/keys/"+g.Identifier+"/revoke", a, nil); status != http.StatusOK {
		t.Fatalf("revoke: %d %s", status, body)
	}
	e.generate(b, tiersB, "Deuxième clé de B") // event 7, after A's last (6)

	page := func(bearer string, q url.Values) []api.AuditEvent {
		t.Helper()
		status, _, body := e.do("GET", "/v1/audit?"+q.Encode(), bearer, nil)
		var p api.AuditPage
		if status != http.StatusOK || json.Unmarshal(body, &p) != nil {
			t.Fatalf("audit %v: %d %s", q, status, body)
		}
		return p.Events
	}
	if evs := page(a, url.Values{"action": {"signin"}}); len(evs) != 1 || evs[0].Login != loginA || evs[0].Addr != "127.0.0.1" || evs[0].Tiers != tiersA {
		t.Fatalf("A's sign-ins: %+v", evs)
	}
	if evs := page(a, url.Values{"key": {"eleve"}}); len(evs) != 2 || evs[0].Action != "revoke" || evs[1].Action != "generate" {
		t.Fatalf("A's events of the key named Élève: %+v", evs)
	}
	if evs := page(a, url.Values{"login": {loginB}}); len(evs) != 0 {
		t.Fatalf("A sees B's events: %+v", evs)
	}
	if evs := page(a, url.Values{"limit": {"2"}}); len(evs) != 2 || evs[0].Action != "revoke" {
		t.Fatalf("A's first page of 2: %+v", evs)
	}
	status, h, body := e.do("GET", "/v1/audit?from=hier", a, nil)
	if p := problem(t, h, body); status != http.StatusUnprocessableEntity || p.Field != "from" {
		t.Fatalf("bad period: %d %+v", status, p)
	}
	status, h, body = e.do("GET", "/v1/audit?format=csv&tiers="+tiersA, b, nil)
	if p := problem(t, h, body); status != http.StatusNotFound || p.Kind != service.ENOTFOUND {
		t.Fatalf("B exporting A's tiers: %d %+v", status, p)
	}

	status, h, body = e.do("GET", "/v1/audit?format=csv", a, nil)
	if status != http.StatusOK || h.Get("Content-Type") != api.MediaTypeCSV || h.Get(api.HeaderAuditTotal) != "4" {
		t.Fatalf("CSV export: %d %v", status, h)
	}
	rest, ok := bytes.CutPrefix(body, []byte("\uFEFF"))
	if !ok {
		t.Fatalf("CSV export without BOM: %q", body[:10])
	}
	rd := csv.NewReader(bytes.NewReader(rest))
	rd.Comma, rd.FieldsPerRecord = ';', -1
	lines, err := rd.ReadAll()
	if err != nil || len(lines) != 6 || !slices.Equal(lines[0], service.AuditCSVHeader(msg.French)) {
		t.Fatalf("CSV export of %d lines, %v: %q", len(lines), err, lines)
	}
	var actions []string
	for _, l := range lines[1:5] {
		actions = append(actions, l[4])
		if l[2] != "DELHUMEAU Vincent" || l[9] != "127.0.0.1" {
			t.Fatalf("CSV line %q: not A's, or without the address", l)
		}
	}
	if !slices.Equal(actions, []string{"Connexion", "Génération", "Génération", "Révocation"}) {
		t.Fatalf("CSV actions, oldest first: %q", actions)
	}
	verifyAs := func(bearer string) api.AuditCheck {
		t.Helper()
		status, _, body := e.do("GET", "/v1/audit/verify", bearer, nil)
		var c api.AuditCheck
		if status != http.StatusOK || json.Unmarshal(body, &c) != nil {
			t.Fatalf("verify: %d %s", status, body)
		}
		return c
	}
	verify := func() api.AuditCheck { t.Helper(); return verifyAs(a) }
	// Each firm is told of its own events, A's 4 and B's 3, not the 7 of the chain,
	// and its head is its own newest event: A's revocation (6), not B's key (7).
	newestA := page(a, url.Values{"limit": {"1"}})[0]
	if last := lines[5]; last[0] != service.AuditCSVHeadLabel(msg.French) || last[1] != "6" || last[2] != newestA.Hash {
		t.Errorf("CSV last line %q, want A's head 6 %s", last, newestA.Hash)
	}
	c := verify()
	if c.Problem != "" || c.Events != 4 || c.HeadSeq != 6 || c.HeadHash != newestA.Hash {
		t.Fatalf("verify: %+v; want A's 4 events, A's head at its revocation, 6 %s", c, newestA.Hash)
	}
	newestB := page(b, url.Values{"limit": {"1"}})[0]
	if c := verifyAs(b); c.Problem != "" || c.Events != 3 || c.HeadSeq != 7 || c.HeadHash != newestB.Hash {
		t.Fatalf("B's verify: %+v; want B's 3 events, B's head 7 %s", c, newestB.Hash)
	}

	db := e.st.(interface{ DB() *sql.DB }).DB()
	// A break after A's last event is B's to know, not A's.
	e.generate(b, tiersB, "Troisième clé de B")
	if _, err := db.Exec(`UPDATE audit_events SET key_name = 'Autre nom' WHERE id = 8`); err != nil {
		t.Fatal(err)
	}
	if c := verifyAs(b); c.Problem != string(service.AuditAltered) || c.Event != 8 || c.Events != 3 {
		t.Fatalf("B's verify after altering B's event 8: %+v", c)
	}
	if c := verify(); c.Problem != "" || c.Events != 4 {
		t.Fatalf("A's verify after altering B's event 8: %+v; want A's 4 events whole", c)
	}

	if _, err := db.Exec(`UPDATE audit_events SET key_name = 'Autre nom' WHERE id = 4`); err != nil {
		t.Fatal(err)
	}
	if c := verify(); c.Problem != string(service.AuditAltered) || c.Event != 4 {
		t.Fatalf("verify after altering event 4: %+v", c)
	}
	if _, err := db.Exec(`DELETE FROM audit_events WHERE id = 2`); err != nil {
		t.Fatal(err)
	}
	if c := verify(); c.Problem != string(service.AuditMissing) || c.Event != 2 {
		t.Fatalf("verify after deleting event 2: %+v", c)
	}
	if !bytes.Contains([]byte(e.logs.String()), []byte("audit chain broken")) {
		t.Fatal("the broken chain was not logged")
	}
}

// TestAuditRecordsTheForwardedAddress: behind a trusted proxy, the journal records the
// client's address the proxy names, not the proxy's.
func TestAuditRecordsTheForwardedAddress(t *testing.T) {
	e := newEnv(t, func(c *httpserver.Config) {
		c.TrustedProxies, _ = httpserver.ParseTrustedProxies("127.0.0.0/8, ::1")
	})
	_, tok := e.signIn(loginA, e.passwordA)
	body, _ := json.Marshal(api.GenerateRequest{Tiers: tiersA, Service: serviceLoop, Name: "Derrière le mandataire"})
	req, _ := http.NewRequest("POST", e.url("/v1/keys"), bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Forwarded-For", "203.0.113.50")
	if status, _, body := e.send(req); status != http.StatusCreated {
		t.Fatalf("generate: %d %s", status, body)
	}
	status, _, raw := e.do("GET", "/v1/audit?action=generate", tok.AccessToken, nil)
	var p api.AuditPage
	if status != http.StatusOK || json.Unmarshal(raw, &p) != nil || len(p.Events) != 1 || p.Events[0].Addr != "203.0.113.50" {
		t.Fatalf("audit: %d %s", status, raw)
	}
}
