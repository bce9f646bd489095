package browser

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/httpserver/servertest"
	"sesame/service/keychain"
	"sesame/service/local"
	"sesame/service/remote"
)

// A partner picks a handed-over key up in a real Chromium: the page is styled like the
// login page and works without a script; a wrong code says so and keeps the form;
// the right code shows identifier and secret once, and the secret opens the key;
// opening the link again at once (a double click) keeps the key, and later says it
// was used, shows nothing of the key, and the key is suspended. The code and the secret are never in the page's address.
func TestPickupInChromium(t *testing.T) {
	var mu sync.Mutex
	now := time.Now()
	env := servertest.Start(t, func(c *httpserver.Config) {
		c.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	})
	kc := keychain.OS{Service: "fr.cabinet.sesame.test-" + t.Name()}
	s, err := remote.NewSession(t.Context(), env.URL, kc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = kc.Delete(t.Context(), s.Server()) })
	if err := s.SignIn(t.Context(), env.Browser(servertest.Login, env.Password)); err != nil {
		t.Fatalf("SignIn: %v", err)
	}
	p := s.Portal()
	g, err := p.Generate(t.Context(), service.GenerateRequest{Tiers: servertest.Tiers, Service: "loop-apikey", Name: "Partenaire Durand",
		Kind: service.KindPartner, Partner: &service.Partner{Name: "DURAND SA"}})
	if err != nil {
		t.Fatal(err)
	}
	l, err := p.Handover(t.Context(), service.HandoverRequest{KeyID: g.Key.ID, Validity: service.HandoverDay})
	if err != nil {
		t.Fatalf("Handover: %v", err)
	}
	browser := chromium(t)

	do(t, browser,
		chromedp.Navigate(l.URL),
		chromedp.WaitVisible(chromedp.CSS("#code")),
	)
	if bg := eval(t, browser, `getComputedStyle(document.body).backgroundColor`); bg != "rgb(243, 245, 248)" {
		t.Errorf("the pickup page's style is not applied (body background %s): its CSP nonce is refused?", bg)
	}
	if n := eval(t, browser, `String(document.scripts.length)`); n != "0" {
		t.Errorf("the pickup page has %s scripts", n)
	}
	if text := pageText(t, browser); !strings.Contains(text, "Saisissez le code") || strings.Contains(text, g.Key.ID) || strings.Contains(text, "Partenaire Durand") {
		t.Errorf("the pickup form says: %q", text)
	}
	sameLook(t, browser, "the pickup form", pickupSheetBefore)

	wrong := []byte(l.Code)
	wrong[3] = '0' + (wrong[3]-'0'+1)%10
	do(t, browser,
		chromedp.SendKeys(chromedp.CSS("#code"), string(wrong)),
		chromedp.Submit(chromedp.CSS("#code")),
		chromedp.WaitVisible(chromedp.CSS(".error")),
	)
	if text := pageText(t, browser); !strings.Contains(text, "Ce code n'est pas le bon") || strings.Contains(text, "ssk_") {
		t.Errorf("after a wrong code the page says: %q", text)
	}
	sameLook(t, browser, "the pickup form after a wrong code", pickupSheetBefore)

	do(t, browser,
		chromedp.SendKeys(chromedp.CSS("#code"), service.FormatHandoverCode(l.Code)),
		chromedp.Submit(chromedp.CSS("#code")),
		chromedp.WaitVisible(chromedp.CSS("#secret")),
	)
	id := eval(t, browser, `document.querySelector("#identifier").innerText`)
	secret := eval(t, browser, `document.querySelector("#secret").innerText`)
	location := eval(t, browser, `location.href`)
	if id != g.Key.ID || service.CheckSecret(secret) != nil {
		t.Fatalf("the pickup shows identifier %q and a secret that is well formed: %v", id, service.CheckSecret(secret) == nil)
	}
	if strings.Contains(location, l.Code) || strings.Contains(location, secret) || location != l.URL {
		t.Error("the page's address is not the link alone")
	}
	if text := pageText(t, browser); !strings.Contains(text, "ne seront plus jamais affichées") {
		t.Errorf("the credentials page says: %q", text)
	}
	sameLook(t, browser, "the pickup credentials page", pickupSheetBefore)
	if st := verify(t, env.URL, id, secret); st != http.StatusOK {
		t.Fatalf("the secret picked up: verify %d", st)
	}

	// Opened again at once from the same address (a double click, a reload): the key
	// stays; later, the opening is a second one.
	do(t, browser,
		chromedp.Navigate(l.URL),
		chromedp.WaitVisible(chromedp.CSS(".error")),
	)
	if text := pageText(t, browser); !strings.Contains(text, "vient d'être affichée") || strings.Contains(text, secret) {
		t.Errorf("the link opened again at once says: %q", text)
	}
	if st := verify(t, env.URL, id, secret); st != http.StatusOK {
		t.Fatalf("the link opened again at once: verify %d, want the key kept", st)
	}
	mu.Lock()
	now = now.Add(local.PickupRepeatGrace)
	mu.Unlock()
	do(t, browser,
		chromedp.Navigate(l.URL),
		chromedp.WaitVisible(chromedp.CSS(".error")),
	)
	if text := pageText(t, browser); !strings.Contains(text, "Ce lien a déjà servi") || strings.Contains(text, id) || strings.Contains(text, secret) {
		t.Errorf("the second opening says: %q", text)
	}
	sameLook(t, browser, "the pickup page of a link already used", pickupSheetBefore)
	d, err := p.KeyDetails(t.Context(), g.Key.ID)
	if err != nil || d.Key.Status != service.StatusSuspended || d.Key.Suspension.Reason != service.SuspendReasonHandoverReused {
		t.Fatalf("after the second opening: %v, %v", d.Key.Status, err)
	}
	if st := verify(t, env.URL, id, secret); st == http.StatusOK {
		t.Fatal("the key still verifies after the second opening")
	}
}

// verify asks POST /v1/verify about a key and returns the status.
func verify(t *testing.T, base, id, secret string) int {
	t.Helper()
	req, err := http.NewRequest("POST", base+"/v1/verify", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("x-apikey", id+":"+secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}
