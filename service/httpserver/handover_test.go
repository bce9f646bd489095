package httpserver_test

import (
	"encoding/json"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"

	"sesame/service"
	"sesame/service/api"
	"sesame/service/httpserver"
	"sesame/service/msg"
)

// pageText is a sentence as the pickup page writes it, HTML-escaped.
func pageText(code msg.Code, lang language.Tag) string {
	return template.HTMLEscapeString(msg.Text(code, lang, nil))
}

// handover posts POST /v1/keys/{id}/handover and returns the status and the link.
func (e *env) handover(bearer, id string, hours int) (int, api.HandoverLink, []byte) {
	e.t.Helper()
	st, _, body := e.do("POST", "/v1/keys/"+id+"/handover", bearer, api.HandoverRequest{ValidityHours: hours})
	var l api.HandoverLink
	if st == http.StatusOK {
		if err := json.Unmarshal(body, &l); err != nil {
			e.t.Fatalf("handover: %v in %s", err, body)
		}
	}
	return st, l, body
}

// pickup opens a pickup path (GET, or POST with a code) from a client address, in a
// language, and returns the status, headers and page.
func (e *env) pickup(path, code, from, lang string) (int, http.Header, string) {
	e.t.Helper()
	method := "GET"
	var body io.Reader
	if code != "" {
		method, body = "POST", strings.NewReader(url.Values{"code": {code}}.Encode())
	}
	req, err := http.NewRequest(method, e.url(path), body)
	if err != nil {
		e.t.Fatal(err)
	}
	if code != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Accept-Language", lang)
	req.Header.Set("X-Forwarded-For", from)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// pathOf is the path of a pickup link, which must be on the server's issuer.
func (e *env) pathOf(l api.HandoverLink) string {
	e.t.Helper()
	u, err := url.Parse(l.URL)
	if err != nil || !strings.HasPrefix(u.Path, "/remise/") || u.RawQuery != "" || u.Fragment != "" {
		e.t.Fatal("the pickup link is not a /remise/ path without query")
	}
	return u.Path
}

// A secure handover through the server: the administrator gets a link and a code,
// the key is pending and refused on every path; the pickup page (French or English,
// no-store, strict CSP, no script) takes a wrong code, then the right one from
// another address and shows the credentials once, which then work everywhere; a
// second opening says so, reveals nothing about the key and suspends it. Neither
// the code nor the secret reach a log; the token's path is logged shortened.
func TestHandoverThroughServer(t *testing.T) {
	trust := func(c *httpserver.Config) {
		c.TrustedProxies, _ = httpserver.ParseTrustedProxies("127.0.0.0/8, ::1")
		// The refused tries of keyWorks are not what this test counts.
		c.IdentifierLimit = httpserver.Limit{Burst: 100, Every: time.Second}
	}
	onBothStores(t, trust, func(t *testing.T, e *env) {
		_, admin := e.signIn(loginA, e.passwordA)
		_, other := e.signIn(loginB, e.passwordB)
		g := e.generate(admin.AccessToken, tiersA, "Partenaire Durand")

		if st, _, body := e.handover(other.AccessToken, g.Identifier, 72); st != http.StatusNotFound {
			t.Fatalf("handover by another firm: %d %s", st, body)
		}
		if st, _, body := e.handover(admin.AccessToken, g.Identifier, 48); st/100 != 4 || !strings.Contains(string(body), string(service.MsgHandoverValidity)) {
			t.Fatalf("handover valid 48 h: %d %s", st, body)
		}
		st, l, body := e.handover(admin.AccessToken, g.Identifier, 0)
		if st != http.StatusOK || l.Key.Status != string(service.StatusPending) || l.Key.Handover == nil || !l.Key.Handover.Pending || len(l.Code) != 8 {
			t.Fatalf("handover: %d %s", st, body)
		}
		if !strings.HasPrefix(l.URL, e.issuer+"/remise/") {
			t.Fatal("the pickup link is not on the server's public address")
		}
		path := e.pathOf(l)
		if v, gw, tk := e.keyWorks(g.Identifier, g.Secret); v || gw || tk {
			t.Fatalf("pending, with the secret of the generation: verify %v, gateway %v, token %v", v, gw, tk)
		}

		stc, h, page := e.pickup(path, "", "203.0.113.7", "fr-FR,fr;q=0.9")
		if stc != http.StatusOK || !strings.Contains(page, pageText("pickup.intro", msg.French)) || !strings.Contains(page, `name="code"`) {
			t.Fatalf("pickup page: %d", stc)
		}
		if h.Get("Cache-Control") != "no-store" || !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'none'") ||
			strings.Contains(h.Get("Content-Security-Policy"), "script-src") || strings.Contains(page, "<script") {
			t.Fatalf("pickup page headers: Cache-Control %q, CSP %q", h.Get("Cache-Control"), h.Get("Content-Security-Policy"))
		}
		if _, _, en := e.pickup(path, "", "203.0.113.7", "en-GB"); !strings.Contains(en, pageText("pickup.intro", msg.English)) {
			t.Fatal("the pickup page is not in English for an English browser")
		}
		if strings.Contains(page, g.Identifier) || strings.Contains(page, "Partenaire Durand") {
			t.Fatal("the pickup form shows the key before the code")
		}

		wrong := []byte(l.Code)
		wrong[0] = '0' + (wrong[0]-'0'+1)%10
		stc, _, page = e.pickup(path, string(wrong), "198.51.100.66", "fr")
		if stc != http.StatusBadRequest || !strings.Contains(page, pageText("pickup.wrong_code", msg.French)) || strings.Contains(page, "ssk_") {
			t.Fatalf("wrong code: %d", stc)
		}
		stc, _, page = e.pickup(path, l.Code[:4]+" "+l.Code[4:], "203.0.113.7", "fr")
		if stc != http.StatusOK || !strings.Contains(page, g.Identifier) {
			t.Fatalf("right code: %d", stc)
		}
		i := strings.Index(page, `<code id="secret">`)
		j := strings.Index(page[i+1:], "</code>")
		if i < 0 || j < 0 {
			t.Fatal("the pickup page shows no secret")
		}
		secret := page[i+len(`<code id="secret">`) : i+1+j]
		if service.CheckSecret(secret) != nil {
			t.Fatal("the secret shown is not well formed")
		}
		if v, gw, tk := e.keyWorks(g.Identifier, secret); !v || !gw || !tk {
			t.Fatalf("picked up: verify %v, gateway %v, token %v; want all accepted", v, gw, tk)
		}
		_, _, body = e.do("GET", "/v1/keys/"+g.Identifier, admin.AccessToken, nil)
		var d api.KeyDetails
		if err := json.Unmarshal(body, &d); err != nil || d.Key.Handover == nil || d.Key.Handover.PickedUpFrom != "203.0.113.7" || d.Key.Handover.PickedUpAt == nil {
			t.Fatalf("details after pickup: %s", body)
		}

		stc, _, page = e.pickup(path, "", "192.0.2.99", "fr")
		if stc != http.StatusGone || !strings.Contains(page, pageText("pickup.reused", msg.French)) ||
			strings.Contains(page, g.Identifier) || strings.Contains(page, "Partenaire Durand") || strings.Contains(page, secret) {
			t.Fatalf("second opening: %d", stc)
		}
		if v, gw, tk := e.keyWorks(g.Identifier, secret); v || gw || tk {
			t.Fatalf("after a second opening: verify %v, gateway %v, token %v; want all refused", v, gw, tk)
		}
		_, _, body = e.do("GET", "/v1/audit?tiers="+tiersA, admin.AccessToken, nil)
		var ap api.AuditPage
		if err := json.Unmarshal(body, &ap); err != nil || len(ap.Events) < 3 ||
			ap.Events[0].Action != "suspend" || ap.Events[0].Addr != "192.0.2.99" || ap.Events[0].Detail != service.SuspendReasonHandoverReused ||
			ap.Events[1].Action != "picked-up" || ap.Events[1].Addr != "203.0.113.7" || ap.Events[2].Action != "handover" {
			t.Fatalf("journal: %s", body)
		}

		token := strings.TrimPrefix(path, "/remise/")
		logs := e.logs.String()
		for what, s := range map[string]string{"token": token, "code": l.Code, "secret": secret} {
			if strings.Contains(logs, s) {
				t.Fatalf("the logs hold the %s", what)
			}
		}
	})
}

// Wrong codes are throttled per address (429 with Retry-After) without locking out
// the right code from another address; a made-up link shows the page of an ended
// link; in every case nothing about the key shows.
func TestHandoverThrottled(t *testing.T) {
	trust := func(c *httpserver.Config) { c.TrustedProxies, _ = httpserver.ParseTrustedProxies("127.0.0.0/8, ::1") }
	e := newEnv(t, trust)
	_, admin := e.signIn(loginA, e.passwordA)
	g := e.generate(admin.AccessToken, tiersA, "Partenaire Martin")
	st, l, body := e.handover(admin.AccessToken, g.Identifier, 24)
	if st != http.StatusOK {
		t.Fatalf("handover: %d %s", st, body)
	}
	path := e.pathOf(l)
	wrong := []byte(l.Code)
	wrong[7] = '0' + (wrong[7]-'0'+1)%10
	for i := 1; i <= 3; i++ {
		if stc, _, _ := e.pickup(path, string(wrong), "198.51.100.66", "fr"); stc != http.StatusBadRequest {
			t.Fatalf("wrong code %d: %d", i, stc)
		}
	}
	stc, h, page := e.pickup(path, l.Code, "198.51.100.66", "fr")
	if stc != http.StatusTooManyRequests || h.Get("Retry-After") == "" || !strings.Contains(page, pageText("pickup.rate_limited", msg.French)) {
		t.Fatalf("4th try from the same address: %d", stc)
	}
	if stc, _, page := e.pickup(path, l.Code, "203.0.113.7", "fr"); stc != http.StatusOK || !strings.Contains(page, g.Identifier) {
		t.Fatalf("the right code from another address: %d", stc)
	}
	if stc, _, page := e.pickup("/remise/"+strings.Repeat("A", 43), "", "203.0.113.7", "fr"); stc != http.StatusGone || !strings.Contains(page, pageText("pickup.ended", msg.French)) {
		t.Fatalf("a made-up link: %d", stc)
	}
}
