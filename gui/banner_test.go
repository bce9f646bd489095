package gui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Issue 21, item 1: the expiry banner of the keys page shows when the app reopens on
// that page, as soon as a key expiring soon is generated, and goes with its revocation.
func TestExpiryBannerFollowsTheKeysPage(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	if s.banner.btn.Visible() {
		t.Fatal("a banner with no key expiring")
	}
	h.generateWith("Dix jours", "Date…", time.Now().AddDate(0, 0, 10).Format("02/01/2006"))
	h.closeGenerated()
	if !s.banner.btn.Visible() || s.banner.btn.Text != "1 clé expire dans moins de 30 jours" {
		t.Fatalf("after generating a key that expires in 10 days the banner says %q (shown %v)", s.banner.btn.Text, s.banner.btn.Visible())
	}

	last := h.app.Preferences().String(prefLastService)
	h2 := launch(t, h.dir, nil, func(p fyne.Preferences) { p.SetString(prefLastService, last) })
	s2 := h2.u.keysScreen
	if s2 == nil || h2.win.Content() != s2.content {
		t.Fatal("the app does not reopen on the keys page")
	}
	if !s2.banner.btn.Visible() || s2.banner.btn.Text != "1 clé expire dans moins de 30 jours" {
		t.Fatalf("reopened on the keys page, the banner says %q (shown %v)", s2.banner.btn.Text, s2.banner.btn.Visible())
	}
	test.Tap(revokeButton(s2.table, rowOf(t, s2.table, "Dix jours")))
	test.Tap(h2.buttonIn(h2.topOverlay(), "Révoquer"))
	h2.wait()
	if s2.banner.btn.Visible() {
		t.Errorf("the banner still counts the revoked key: %q", s2.banner.btn.Text)
	}
}
