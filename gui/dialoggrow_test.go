package gui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sesame/service"
	"sesame/service/store"
)

// under fails unless upper lies wholly above lower, both with some height: what
// the user reads one under the other, not drawn over each other.
func (h *harness) under(what string, upper, lower fyne.CanvasObject) {
	h.t.Helper()
	u, l := where(upper), where(lower)
	if upper.Size().Height <= 0 || lower.Size().Height <= 0 || u.Y+upper.Size().Height > l.Y+0.5 {
		h.t.Errorf("%s: %v (height %v) is not above %v (height %v)", what, u, upper.Size().Height, l, lower.Size().Height)
	}
}

// A dialog that grows after it is shown stays whole in the window: the
// notifications dialog, opened empty, then filled by the failed deliveries and
// the webhooks that came from the server, keeps « Fermer » inside the window; the
// sentence that says the choice was saved, and a webhook added from it, take room
// of their own instead of being drawn over what follows.
func TestNotificationsDialogStaysInTheWindowAsItGrows(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 683, Height: 768}, {Width: 683, Height: 480}} {
		h := newServerHarness(t)
		ctx := context.Background()
		st := h.server.Store
		now := time.Now()
		for i := range 3 {
			if _, err := st.EnqueueDeliveries(ctx, []store.Delivery{{Firm: "95963", EventID: fmt.Sprintf("audit:%d", i+1), Kind: service.NotifyKeySuspended,
				Channel: store.ChannelWebhook, Target: "wh_parti", Payload: []byte(`{}`), CreatedAt: now, NextAt: now}}); err != nil {
				t.Fatal(err)
			}
		}
		ds, err := st.ClaimDeliveries(ctx, now, time.Hour, 3)
		if err != nil || len(ds) != 3 {
			t.Fatalf("claim: %v %v", ds, err)
		}
		for _, del := range ds {
			if _, err := st.RecordAttempt(ctx, del.ID, store.DeliveryAttempt{At: now, HTTPStatus: 503, Result: "503 Service Unavailable"}, time.Time{}); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.AddWebhook(ctx, store.Webhook{ID: "wh_compta", Firm: "95963", URL: "https://outils.cabinet.fr/sesame",
			Secret: []byte("sealed"), Kinds: []service.NotifyKind{service.NotifyKeySuspended}, CreatedAt: now}); err != nil {
			t.Fatal(err)
		}
		h.win.Resize(size)
		h.u.showSettings(nil)
		h.tap(h.u.settings.notify)
		h.wait()
		d := h.u.notify
		if d == nil || d.email == nil || !textIn(d.failed, "503 Service Unavailable") {
			t.Fatalf("%v: the notifications dialog did not open with its failed deliveries", size)
		}
		closeBtn := d.dlg.Buttons[0]
		h.inWindow(fmt.Sprintf("%v: « Fermer », once the lists came,", size), closeBtn)

		typeInto(d.email, "vincent@cabinet.fr")
		h.tap(d.save)
		h.wait()
		if d.status.Text == "" {
			t.Fatalf("%v: nothing says the choice was saved", size)
		}
		h.under(fmt.Sprintf("%v: « Enregistrer » and the sentence that says it was saved", size), d.save, d.status)
		h.under(fmt.Sprintf("%v: the sentence that says it was saved and the e-mail server's line", size), d.status, d.smtpLine)
		h.inWindow(fmt.Sprintf("%v: « Fermer », once saved,", size), closeBtn)

		h.tap(d.addHook)
		typeInto(d.hook.url, "https://compta.cabinet.fr/sesame")
		test.Tap(d.hook.kinds[service.NotifyKeyExpiring])
		h.tap(d.hook.add)
		h.wait()
		if d.secret == nil {
			t.Fatalf("%v: the new webhook's secret is not shown", size)
		}
		h.tap(d.secret.copyBtn)
		h.press(fyne.KeyReturn)
		if !h.onTop(d.smtpBtn) || !textIn(d.hooks, "https://compta.cabinet.fr/sesame") {
			t.Fatalf("%v: back in the notifications dialog, the new webhook is not listed", size)
		}
		rows := d.hooks.Objects
		h.under(fmt.Sprintf("%v: the webhooks' last row and « Ajouter un webhook… »", size), rows[len(rows)-1], d.addHook)
		h.inWindow(fmt.Sprintf("%v: « Fermer », once a webhook was added,", size), closeBtn)
	}
}

// The secrets' search ends with a sentence that may take two lines at 683 px (what
// was skipped, and why): the dialog is laid out again so that the sentence has its
// lines, and « Fermer » stays in the window.
func TestScanDialogMakesRoomForItsSummary(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	h.win.Resize(fyne.NewSize(683, 768))
	dir := t.TempDir()
	for name, data := range map[string]string{"programme.bin": "MZ\x00\x00\x01\x02", "rapport.docx": "pas une archive", "notes.txt": "rien ici"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h.u.onScanMenu()
	d := h.u.scan
	d.addFolder(dir)
	h.win.Canvas().OnTypedKey()(&keyReturn)
	h.wait()
	if !strings.Contains(d.status.Text, "Ignorés") {
		t.Fatalf("the summary does not say what was skipped: %q", d.status.Text)
	}
	if got, need := d.status.Size().Height, d.status.MinSize().Height; got+0.5 < need {
		t.Errorf("the summary %q has %v px of the %v its lines need", d.status.Text, got, need)
	}
	h.inWindow("« Fermer », after the summary,", d.closeBtn)
}
