package gui

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/keytext"
	"sesame/gui/widgets"
	"sesame/service"
)

// actionCell renders the action cell of a row.
func actionCell(t *keyTable, row int) *widgets.Cell {
	o := t.table.CreateCell()
	t.table.UpdateCell(widget.TableCellID{Row: row, Col: shownAt(t, actionColumn)}, o)
	return o.(*widgets.Cell)
}

// pickUp opens a pickup link as the partner's browser would: the page, then the code
// posted; it returns the last page's status and text.
func pickUp(t *testing.T, link, code string) (int, string) {
	t.Helper()
	req := func(method string, body io.Reader) (int, string) {
		r, err := http.NewRequest(method, link, body)
		if err != nil {
			t.Fatal(err)
		}
		if body != nil {
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code == "" {
		return req("GET", nil)
	}
	return req("POST", strings.NewReader(url.Values{"code": {code}}.Encode()))
}

// openFromElsewhere opens link from another address than the pickup's (127.0.0.2,
// which Linux's loopback also answers): a second opening by someone else, which the
// same address within local.PickupRepeatGrace (a double click) would not be.
func openFromElsewhere(t *testing.T, link string) (int, string) {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{DialContext: (&net.Dialer{
		LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}}).DialContext}}
	resp, err := client.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// « Remettre… » in the one-time dialog, on the firm's server: the validity is asked
// (72 h by default), the one-time dialog closes without asking (its secret no longer
// works), the link (with its Copier) and the code are shown apart with how to give
// them, and the key's row says « En attente de remise »; its details say until when.
// After the partner picked it up and opened the link again, the next refresh shows
// the banner and the key suspended.
func TestHandoverFromOneTimeDialog(t *testing.T) {
	h := newServerHarness(t)
	s := h.openKeys("Loop APIkey")
	h.generate("Partenaire Durand")
	g := s.credentials
	if g == nil || g.handover == nil || g.handover.Disabled() {
		t.Fatal("the one-time dialog offers no « Remettre… » on the server")
	}
	h.tap(g.handover)
	d := s.handingOver
	if d == nil || d.validity.Selected != "72 heures" {
		t.Fatal("« Remettre… » does not ask the validity, 72 heures chosen")
	}
	d.validity.SetSelected("7 jours")
	h.tap(d.create)
	if s.credentials != nil {
		t.Fatal("the one-time dialog stays open once the key is handed over")
	}
	if d.link == nil || !strings.HasPrefix(d.url.Text, h.server.URL+"/remise/") {
		t.Fatal("no link on the server's pickup page shown")
	}
	code := strings.ReplaceAll(d.code.Text, " ", "")
	if len(code) != 8 || strings.Contains(d.url.Text, code) {
		t.Fatalf("the code %q is not 8 digits apart from the link", d.code.Text)
	}
	if !textIn(h.topOverlay(), "téléphone ou SMS") {
		t.Error("the link's dialog does not say to give the code by another channel")
	}
	link := d.url.Text
	h.tap(d.copyLink)
	if got := h.app.Clipboard().Content(); got != link {
		t.Error("Copier does not put the link on the clipboard")
	}
	row := rowOf(t, s.table, "Partenaire Durand")
	if got := s.table.cellText(row, statusColumn); got != "En attente" {
		t.Errorf("the row's Statut says %q", got)
	}
	k := s.table.keys[row]
	if k.Handover == nil || !k.Handover.Pending || k.Handover.Until.Sub(clock()) < 6*24*60*60*1e9 {
		t.Errorf("the key is not pending for 7 days: %+v", k.Handover)
	}
	test.Tap(d.link.Buttons[0])
	if d.url.Text != "" || d.code.Text != "" {
		t.Error("the link's dialog keeps the link or the code once closed")
	}

	if st, page := pickUp(t, link, code); st != http.StatusOK || !strings.Contains(page, k.ID) {
		t.Fatalf("pickup with the code shown: %d", st)
	}
	if st, _ := openFromElsewhere(t, link); st != http.StatusGone {
		t.Fatalf("second opening: %d", st)
	}
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
	h.wait()
	if !s.alarm.btn.Visible() || !strings.Contains(s.alarm.btn.Text, "Partenaire Durand") || !strings.Contains(s.alarm.btn.Text, "ouvert de nouveau") {
		t.Fatalf("after the reopened link, the banner says %q (visible %v)", s.alarm.btn.Text, s.alarm.btn.Visible())
	}
	if got := s.table.cellText(rowOf(t, s.table, "Partenaire Durand"), statusColumn); got != "Suspendue" {
		t.Errorf("the row's Statut says %q after the reopened link", got)
	}
	dk, err := h.portal().KeyDetails(context.Background(), k.ID)
	if err != nil {
		t.Fatal(err)
	}
	if line := handoverLine(dk.Key); !strings.Contains(line, "Retirée le") || !strings.Contains(line, "127.0.0.1") {
		t.Errorf("the details' handover line says %q", line)
	}
	h.tap(s.alarm.btn)
	if got := keytext.Summary(s.criteria.applied, "", ""); !strings.Contains(got, "Suspendue") || strings.Contains(got, "Active") {
		t.Errorf("the banner opens the criteria %q, want the suspended keys", got)
	}
}

// In local mode « Remettre… » is there, disabled, and the dialog says why; the
// details say it too.
func TestHandoverDisabledInLocalMode(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	h.generate("Partenaire")
	g := s.credentials
	if g == nil || g.handover == nil || !g.handover.Disabled() {
		t.Fatal("the one-time dialog has no disabled « Remettre… » in local mode")
	}
	why := "La remise sécurisée passe par le serveur du cabinet"
	if !richTextIn(h.topOverlay(), why) {
		t.Error("the one-time dialog does not say why « Remettre… » is disabled")
	}
	h.closeGenerated()
	s.showDetails(s.table.keys[0])
	h.wait()
	if s.details == nil || s.details.handover == nil || !s.details.handover.Disabled() || !richTextIn(h.topOverlay(), why) {
		t.Fatal("the details offer no disabled « Remettre… » with why in local mode")
	}
}

// « Suspendre… » and « Réactiver… » from the row's actions, when the table has the
// room: the reason is asked, the row shows the new status and the other action.
func TestSuspendResumeFromRow(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	s := h.openKeys("Loop APIkey")
	h.win.Resize(fyne.NewSize(1366, 768)) // room for « Suspendre… » beside « Révoquer »
	h.generate("Synchro banque")
	h.closeGenerated()
	c := actionCell(s.table, 0)
	if !c.Second.Visible() || c.SecondWord() != "Suspendre…" {
		t.Fatalf("an active key's row offers %q (visible %v)", c.SecondWord(), c.Second.Visible())
	}
	h.tap(c.Second)
	if s.suspending == nil {
		t.Fatal("the row's « Suspendre… » asks no reason")
	}
	typeInto(s.suspending.reason, "Poste volé")
	enter(s.suspending.reason)
	h.wait()
	if got := s.table.cellText(0, statusColumn); got != "Suspendue" {
		t.Fatalf("after the row's suspension the Statut says %q", got)
	}
	c = actionCell(s.table, 0)
	if !c.Second.Visible() || c.SecondWord() != "Réactiver…" {
		t.Fatalf("a suspended key's row offers %q", c.SecondWord())
	}
	h.tap(c.Second)
	typeInto(s.suspending.reason, "Retrouvé")
	enter(s.suspending.reason)
	h.wait()
	if got := s.table.cellText(0, statusColumn); got != "Active" {
		t.Fatalf("after the row's resumption the Statut says %q", got)
	}
	k, err := h.portal().KeyDetails(context.Background(), s.table.keys[0].ID)
	if err != nil || k.Key.Status != service.StatusActive {
		t.Fatalf("the stored key: %v, %v", k.Key.Status, err)
	}
}

// « Remettre… » from the details of a key in use, on the server: the key becomes
// pending, the details say until when, and a new link from the details of the
// pending key replaces the first one.
func TestHandoverFromDetails(t *testing.T) {
	h := newServerHarness(t)
	s := h.openKeys("Loop APIkey")
	h.generate("Synchro banque")
	h.u.keysScreen.credentials.close()
	k := s.table.keys[rowOf(t, s.table, "Synchro banque")]
	s.showDetails(k)
	h.wait()
	if s.details == nil || s.details.handover == nil || s.details.handover.Disabled() {
		t.Fatal("the details of an active key offer no « Remettre… » on the server")
	}
	h.tap(s.details.handover)
	d := s.handingOver
	h.tap(d.create)
	first := d.url.Text
	test.Tap(d.link.Buttons[0])
	k = s.table.keys[rowOf(t, s.table, "Synchro banque")]
	if k.Status != service.StatusPending {
		t.Fatalf("after « Remettre… » from the details the key is %s", k.Status)
	}
	s.showDetails(k)
	h.wait()
	if !textIn(h.topOverlay(), "En attente du retrait ; lien valable jusqu'au") || !textIn(h.topOverlay(), "En attente de remise") {
		t.Error("the details of a pending key do not say it waits, nor until when")
	}
	h.tap(s.details.handover)
	h.tap(s.handingOver.create)
	if second := s.handingOver.url.Text; second == "" || second == first {
		t.Fatal("a second « Remettre… » gives no new link")
	}
	if st, _ := pickUp(t, first, ""); st != http.StatusGone {
		t.Errorf("the first link after a second one: %d, want 410", st)
	}
}
