package gui

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"

	"sesame/gui/keytext"
	"sesame/service"
	"sesame/service/store"
	"sesame/service/store/storetest"
)

// bulkKeys stores n keys named prefix + number in 95963 / Loop APIkey, straight into
// the store in one transaction (the Portal's Generate, one by one, would take minutes
// for ten thousand).
func (h *harness) bulkKeys(prefix string, from, n int) {
	h.t.Helper()
	r, ok := h.store().(interface{ DB() *sql.DB })
	if !ok {
		h.t.Fatalf("%T does not expose its database", h.store())
	}
	at := time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)
	keys := make([]store.KeyRecord, 0, n)
	for i := from; i < from+n; i++ {
		creds, err := service.NewCredentials()
		if err != nil {
			h.t.Fatal(err)
		}
		keys = append(keys, store.KeyRecord{Key: service.Key{
			ID: creds.Identifier, Tiers: "95963", Service: "loop-apikey", Name: fmt.Sprintf("%s %05d", prefix, i),
			CreatedAt: at.Add(time.Duration(i) * time.Second), CreatedBy: "Delhumeau Vincent", Status: service.StatusActive,
			SecretHint: service.SecretHint(creds.Secret), Version: 1,
		}, Digest: service.SecretDigest(creds.Secret)})
	}
	if err := storetest.InsertKeys(context.Background(), r.DB(), keys); err != nil {
		h.t.Fatalf("InsertKeys: %v", err)
	}
}

// wantCount fails unless the key table's count says want.
func wantCount(t *testing.T, tb *keyTable, want, when string) {
	t.Helper()
	if got := tb.count.Text; got != want || !tb.count.Visible() {
		t.Errorf("%s: the count says %q (shown %v), want %q", when, got, tb.count.Visible(), want)
	}
}

func TestKeyCountSaysHowManyMatch(t *testing.T) {
	testKeyCount(t, map[string]string{
		"120":         "50 sur 120 clés d'API",
		"scrolled":    "120 sur 120 clés d'API",
		"ten":         "10 sur 10 clés d'API",
		"one":         "1 sur 1 clé d'API",
		"new":         "1 sur 1 clé d'API + la nouvelle clé",
		"active":      "50 sur 121 clés d'API",
		"revoked":     "49 sur 120 clés d'API",
		"revokedMore": "99 sur 120 clés d'API",
		"many":        "50 sur plus de 10\u202f000 clés d'API",
		"exact":       "50 sur 10\u202f000 clés d'API",
	})
}

func TestKeyCountInEnglish(t *testing.T) {
	defer func() { // back to French for the other tests
		t.Setenv("LANG", "fr_FR.UTF-8")
		if err := setUpLanguage(); err != nil {
			t.Fatal(err)
		}
	}()
	t.Setenv("LANG", "en_US.UTF-8")
	testKeyCount(t, map[string]string{
		"120":         "50 of 120 API keys",
		"scrolled":    "120 of 120 API keys",
		"ten":         "10 of 10 API keys",
		"one":         "1 of 1 API key",
		"new":         "1 of 1 API key + the new key",
		"active":      "50 of 121 API keys",
		"revoked":     "49 of 120 API keys",
		"revokedMore": "99 of 120 API keys",
		"many":        "50 of more than 10,000 API keys",
		"exact":       "50 of 10,000 API keys",
	})
}

// testKeyCount walks the keys page through the counts a user meets: more keys than a
// page, the rest loaded by scrolling, a name criterion, a single match, a new key the
// criteria hide, a revocation under "Active", and past the count's bound.
func testKeyCount(t *testing.T, want map[string]string) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	tb := s.table
	h.bulkKeys("Clé", 0, 120)
	h.tap(s.criteria.filter)
	wantCount(t, tb, want["120"], "120 keys, first page")
	for range 3 {
		tb.table.ScrollToBottom()
		h.wait()
	}
	wantCount(t, tb, want["scrolled"], "scrolled to the end")

	typeInto(s.criteria.name, "clé 0001") // Clé 00010 … Clé 00019
	h.tap(s.criteria.filter)
	wantCount(t, tb, want["ten"], "name criterion")
	typeInto(s.criteria.name, "clé 00007")
	h.tap(s.criteria.filter)
	wantCount(t, tb, want["one"], "one match")
	h.generate("Synchro banque")   // hidden by the name criterion, shown first all the same
	s.credentials.onRequestClose() // in either language: the confirmation's default action
	s.credentials.confirm.Enter()
	h.wait()
	if len(tb.keys) != 2 || tb.keys[0].Name != "Synchro banque" {
		t.Fatalf("after generating: rows %q", column(tb, 0))
	}
	wantCount(t, tb, want["new"], "new key the criteria hide")

	// Active only: revoking a row takes it out of the criteria; the row stays.
	typeInto(s.criteria.name, "")
	s.criteria.revoked.SetChecked(false)
	s.criteria.expired.SetChecked(false)
	h.tap(s.criteria.filter)
	wantCount(t, tb, want["active"], "Active, 121 keys")
	h.tap(revokeButton(tb, 0))
	h.tap(h.buttonIn(h.topOverlay(), lang.L("ui.revoquer")))
	h.wait()
	if tb.cellText(0, 3) == keytext.Status(service.StatusActive) {
		t.Fatal("the key was not revoked")
	}
	wantCount(t, tb, want["revoked"], "after a revocation under Active")
	tb.table.ScrollToBottom()
	h.wait()
	h.win.Canvas().Capture()
	if n := len(tb.keys); n != 100 {
		t.Errorf("after scrolling once: %d rows, want 100", n)
	}
	wantCount(t, tb, want["revokedMore"], "after a revocation, the next page loaded")

	// Past the bound: 10,001 active keys; exactly 10,000 once one is revoked.
	h.bulkKeys("Masse", 0, service.KeyCountMax-119)
	h.tap(s.criteria.filter)
	wantCount(t, tb, want["many"], "10,001 keys")
	if _, err := h.portal().Revoke(context.Background(), tb.keys[0].ID); err != nil {
		t.Fatal(err)
	}
	h.tap(s.criteria.filter)
	wantCount(t, tb, want["exact"], "10,000 keys")
}

// A new key that the criteria select but that sorts past the first page is shown
// first at once, then counted among the rows, once only, when its page comes.
func TestKeyCountWhenTheNewKeyIsOnALaterPage(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	tb := s.table
	h.bulkKeys("Clé", 0, 120)
	h.tap(headerButton(tb, 0)) // by name: "Zeta" comes last, on the third page
	h.generate("Zeta")
	h.closeGenerated()
	if tb.keys[0].Name != "Zeta" {
		t.Fatalf("the new key is not shown first: %q", column(tb, 0)[:3])
	}
	wantCount(t, tb, "50 sur 121 clés d'API + la nouvelle clé", "new key on a later page")
	for range 3 {
		tb.table.ScrollToBottom()
		h.wait()
	}
	zetas := 0
	for _, k := range tb.keys {
		if k.Name == "Zeta" {
			zetas++
		}
	}
	if len(tb.keys) != 121 || zetas != 1 {
		t.Errorf("after scrolling to the end: %d rows, %d of them Zeta; want 121 and 1", len(tb.keys), zetas)
	}
	wantCount(t, tb, "121 sur 121 clés d'API", "scrolled to the end")
}
