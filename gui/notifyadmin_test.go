package gui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/notify"
	"sesame/service/notify/notifytest"
)

// smtpTestPassword is the test SMTP server's password, built so that it appears
// nowhere as one literal.
var smtpTestPassword = "Smtp-Pa55-" + "gui-jamais-montre"

// openNotifyAdmin starts a server whose notifications trust smtp's certificate,
// signs in, and opens Paramètres → « Notifications… ».
func openNotifyAdmin(t *testing.T, smtp *notifytest.SMTPServer) (*harness, *notifyDialog) {
	t.Helper()
	s := newTestServer(t, func(c *httpserver.Config) {
		c.Notify = func(nc *notify.Config) { nc.SMTPTLS = smtp.ClientTLS() }
	})
	h := startServerHarness(t, s, testKeychain(t, s))
	h.signIn()
	h.u.showSettings(nil)
	h.tap(h.u.settings.notify)
	h.wait()
	d := h.u.notify
	if d == nil || d.smtpBtn == nil || d.addHook == nil {
		t.Fatal("« Notifications… » has no « Serveur de messagerie… » nor « Ajouter un webhook… »")
	}
	return h, d
}

// onTop reports whether o is in the dialog on top of the window.
func (h *harness) onTop(o fyne.CanvasObject) bool {
	if top := h.topOverlay(); top != nil {
		for _, c := range test.LaidOutObjects(top) {
			if c == o {
				return true
			}
		}
	}
	return false
}

// assertNowhere fails if text is in the app's or the server's logs, or in any file
// of the app's or the server's folder (preferences, database).
func (h *harness) assertNowhere(text, what string) {
	h.t.Helper()
	if strings.Contains(h.log.String(), text) || strings.Contains(h.server.Logs.String(), text) {
		h.t.Errorf("the %s is in a log", what)
	}
	for _, dir := range []string{h.dir, filepath.Dir(h.server.DBPath)} {
		_ = filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return nil
			}
			if data, err := os.ReadFile(p); err == nil && bytes.Contains(data, []byte(text)) {
				h.t.Errorf("the %s is in %s", what, e.Name())
			}
			return nil
		})
	}
}

// An administrator sets the firm's SMTP server from the app: a wrong port is said
// beside the port field, the password is never shown back (and a change needs it
// typed again), and « Envoyer un e-mail d'essai » reaches a real SMTP server (TLS,
// AUTH) at the administrator's address, the dialog staying whole in the window as
// it grows. The password reaches no log nor file.
func TestSMTPSettingsFromTheApp(t *testing.T) {
	smtp := notifytest.StartSMTP(t, "sesame@cabinet.fr", smtpTestPassword)
	h, d := openNotifyAdmin(t, smtp)
	h.win.Resize(fyne.NewSize(683, 768))
	if !textIn(d.smtpLine, "Aucun serveur de messagerie") {
		t.Fatalf("before any setting: %q", d.smtpLine.Text)
	}
	h.tap(d.smtpBtn)
	h.wait()
	h.tap(d.smtp.test)
	if !strings.Contains(d.smtp.testResult.Text, "Enregistrez d'abord votre adresse") || len(smtp.Messages()) != 0 {
		t.Fatalf("a test without a saved address: %q", d.smtp.testResult.Text)
	}
	h.press(fyne.KeyEscape)
	if !h.onTop(d.smtpBtn) {
		t.Fatal("Escape did not go back to the Notifications dialog")
	}
	typeInto(d.email, "vincent@cabinet.fr")
	h.tap(d.save)
	h.wait()

	h.tap(d.smtpBtn)
	h.wait()
	s := d.smtp
	if s == nil || !h.onTop(s.save) {
		t.Fatal("« Serveur de messagerie… » did not open its dialog")
	}
	if s.port.Text != "587" || !s.tls.Checked || !s.pass.Password {
		t.Fatalf("defaults: port %q, STARTTLS %v, password hidden %v", s.port.Text, s.tls.Checked, s.pass.Password)
	}
	typeInto(s.host, "127.0.0.1")
	typeInto(s.port, "70000")
	typeInto(s.user, "sesame@cabinet.fr")
	typeInto(s.pass, smtpTestPassword)
	typeInto(s.from, "sesame@cabinet.fr")
	h.press(fyne.KeyReturn)
	if s.serverErr.Hidden || !strings.Contains(s.serverErr.Text, "port") || !s.fromErr.Hidden {
		t.Fatalf("a wrong port: server line %q (hidden %v), sender line hidden %v", s.serverErr.Text, s.serverErr.Hidden, s.fromErr.Hidden)
	}
	if _, err := h.server.Store.SMTP(context.Background(), "95963"); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("settings stored despite the wrong port: %v", err)
	}

	typeInto(s.port, "")
	typeInto(s.port, strconv.Itoa(smtp.Port))
	if s.pass.Text != "" {
		t.Fatal("the password stays in its field after Enregistrer")
	}
	h.press(fyne.KeyReturn)
	if s.accountErr.Hidden || s.accountErr.Importance != widget.DangerImportance || !s.serverErr.Hidden {
		t.Fatal("a change without the password typed again is not said beside the password")
	}
	typeInto(s.pass, smtpTestPassword)
	h.tap(s.save)
	h.wait()
	stored := s.accountErr.Visible() && s.accountErr.Importance == widget.MediumImportance && strings.Contains(s.accountErr.Text, "jamais réaffiché")
	if !s.serverErr.Hidden || s.status.Hidden || !stored || s.pass.Text != "" {
		t.Fatalf("after saving: server line %q, status %q, « mot de passe enregistré » under the password: %q", s.serverErr.Text, s.status.Text, s.accountErr.Text)
	}
	got, err := h.server.Store.SMTP(context.Background(), "95963")
	if err != nil || got.Host != "127.0.0.1" || got.Port != smtp.Port || !got.StartTLS || got.From != "sesame@cabinet.fr" {
		t.Fatalf("stored: %+v %v", got, err)
	}
	if !textIn(d.smtpLine, "127.0.0.1") {
		t.Fatalf("the Notifications dialog does not name the server: %q", d.smtpLine.Text)
	}

	h.tap(s.test)
	h.wait()
	msgs := smtp.Messages()
	if len(msgs) != 1 || !msgs[0].TLS || !strings.Contains(msgs[0].To, "vincent@cabinet.fr") {
		t.Fatalf("the test e-mail did not arrive at vincent@cabinet.fr over TLS: %+v", msgs)
	}
	if s.testResult.Hidden || !strings.Contains(s.testResult.Text, "vincent@cabinet.fr") || s.progress.Visible() {
		t.Fatalf("after the test: %q, progress still shown %v", s.testResult.Text, s.progress.Visible())
	}
	// The dialog, grown by the status and the test's sentence, is still whole.
	for name, o := range map[string]fyne.CanvasObject{"Enregistrer": s.save, "Annuler": s.cancel, "the test's sentence": s.testResult} {
		h.inWindow(name, o)
	}

	smtp.SetDown(true)
	h.tap(s.test)
	h.wait()
	if !strings.Contains(s.testResult.Text, "451") {
		t.Fatalf("a refusal does not give the SMTP server's sentence: %q", s.testResult.Text)
	}

	h.press(fyne.KeyEscape)
	if !h.onTop(d.smtpBtn) {
		t.Fatal("Annuler (Escape) did not go back to the Notifications dialog")
	}
	h.assertNowhere(smtpTestPassword, "SMTP password")
}

// An administrator adds a webhook from the app (a plain http:// address refused
// under its field), its signing secret is shown once and copied through the
// clipboard guard, closing before copying asks first, the webhook is listed, and
// « Supprimer » asks with Enter keeping it, then removes it.
func TestWebhooksFromTheApp(t *testing.T) {
	smtp := notifytest.StartSMTP(t, "", "")
	h, d := openNotifyAdmin(t, smtp)
	h.guardWithShortDelay(t)
	ctx := context.Background()

	h.tap(d.addHook)
	w := d.hook
	if w == nil || !h.onTop(w.add) {
		t.Fatal("« Ajouter un webhook… » did not open its dialog")
	}
	first := w.kinds[service.NotifyKinds[0]]
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(first)
	typeInto(w.url, "http://outils.cabinet.fr/sesame")
	h.press(fyne.KeyReturn)
	if w.urlErr.Hidden || w.urlErr.Text == "" {
		t.Fatal("a plain http:// address is not refused under its field")
	}
	if now := fyne.CurrentApp().Driver().AbsolutePositionForObject(first); now != at {
		t.Fatalf("the address's error pushed the events from %v to %v", at, now)
	}
	typeInto(w.url, "https://outils.cabinet.fr/sesame")
	for _, k := range service.NotifyKinds {
		if k != service.NotifyKeySuspended && k != service.NotifyPolicyChanged {
			test.Tap(w.kinds[k])
		}
	}
	h.tap(w.add)
	h.wait()
	sec := d.secret
	if sec == nil || !h.onTop(sec.copyBtn) || !strings.HasPrefix(sec.value.Text, "whsec_") {
		t.Fatal("the new webhook's secret is not shown")
	}
	secret := sec.value.Text
	stored, err := h.server.Store.Webhooks(ctx, "95963")
	if err != nil || len(stored) != 1 || stored[0].URL != "https://outils.cabinet.fr/sesame" || len(stored[0].Kinds) != 2 {
		t.Fatalf("stored webhooks: %+v %v", stored, err)
	}
	if !textIn(d.hooks, "https://outils.cabinet.fr/sesame ("+stored[0].ID+") : 2 événements") {
		t.Fatal("the new webhook is not listed")
	}
	if !richTextIn(h.topOverlay(), "presse-papiers") {
		t.Fatal("the dialog does not say when the clipboard is cleared")
	}

	h.press(fyne.KeyReturn)
	if sec.confirm == nil || !textIn(h.topOverlay(), "Avez-vous bien noté le secret") {
		t.Fatal("closing before copying the secret does not ask first")
	}
	h.tap(h.buttonIn(h.topOverlay(), "Non, revenir"))
	if sec.value.Text != secret {
		t.Fatal("« Non, revenir » lost the secret")
	}
	sec.onWindowClose() // what the window's close button calls while the dialog is open
	if !textIn(h.topOverlay(), "Avez-vous bien noté le secret") {
		t.Fatal("closing the window before copying the secret does not ask first")
	}
	h.tap(h.buttonIn(h.topOverlay(), "Non, revenir"))
	if sec.value.Text != secret || !slices.Contains(fyne.CurrentApp().Driver().AllWindows(), h.win) {
		t.Fatal("« Non, revenir » after the window's close button did not come back to the secret")
	}
	h.tap(sec.copyBtn)
	if h.app.Clipboard().Content() != secret {
		t.Fatal("« Copier » did not put the secret on the clipboard")
	}
	if !h.nextClipboardCheck(t) || h.app.Clipboard().Content() != "" {
		t.Fatal("the clipboard guard did not clear the copied secret")
	}
	h.press(fyne.KeyReturn)
	if sec.confirm != nil || sec.value.Text != "" || !h.onTop(d.smtpBtn) {
		t.Fatal("once copied, Fermer does not close at once, forgetting the secret")
	}

	h.tap(h.buttonIn(d.hooks, "Supprimer"))
	if d.confirm == nil || !textIn(h.topOverlay(), "Supprimer le webhook https://") {
		t.Fatal("« Supprimer » does not ask first")
	}
	h.press(fyne.KeyReturn)
	if ws, _ := h.server.Store.Webhooks(ctx, "95963"); len(ws) != 1 {
		t.Fatal("Enter removed the webhook: the destructive answer is the default")
	}
	h.tap(h.buttonIn(d.hooks, "Supprimer"))
	h.tap(h.buttonIn(h.topOverlay(), "Supprimer"))
	h.wait()
	if ws, _ := h.server.Store.Webhooks(ctx, "95963"); len(ws) != 0 {
		t.Fatalf("after « Supprimer »: %+v", ws)
	}
	if !textIn(d.hooks, "Aucun webhook.") {
		t.Fatal("the removed webhook is still listed")
	}
	h.assertNowhere(secret, "webhook secret")
}
