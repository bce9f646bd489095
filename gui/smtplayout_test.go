package gui

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"sesame/service/notify/notifytest"
)

// Issue 21, item 11, in the SMTP dialog: a refused port, or a user without its
// password, is said in a line kept for it, so the fields under it stay where they
// were; the port sits beside the host, next after it for Tab; at 683×768 and
// 683×480 the dialog, grown by the test e-mail's sentence, keeps Enregistrer and
// Annuler inside the window.
func TestSMTPDialogErrorsMoveNothing(t *testing.T) {
	smtp := notifytest.StartSMTP(t, "sesame@cabinet.fr", smtpTestPassword)
	for _, size := range []fyne.Size{{Width: 1366, Height: 768}, {Width: 683, Height: 768}, {Width: 683, Height: 480}} {
		h, d := openNotifyAdmin(t, smtp)
		h.win.Resize(size)
		typeInto(d.email, "vincent@cabinet.fr")
		h.tap(d.save)
		h.tap(d.smtpBtn)
		h.wait()
		s := d.smtp
		h.win.Canvas().Focus(s.host)
		if h.win.Canvas().FocusNext(); h.win.Canvas().Focused() != s.port {
			t.Errorf("%v: Tab from the host does not go to the port beside it", size)
		}
		typeInto(s.host, "127.0.0.1")
		typeInto(s.from, "sesame@cabinet.fr")
		fields := map[string]fyne.CanvasObject{"STARTTLS": s.tls, "Utilisateur": s.user, "Mot de passe": s.pass,
			"Expéditeur": s.from, "Enregistrer": s.save}
		at := map[string]fyne.Position{}
		for name, o := range fields {
			at[name] = where(o)
		}
		typeInto(s.port, "70000")
		h.press(fyne.KeyReturn)
		if !s.serverErr.Visible() || !strings.Contains(s.serverErr.Text, "port") {
			t.Fatalf("%v: a wrong port is not said under it: %q", size, s.serverErr.Text)
		}
		for name, o := range fields {
			if now := where(o); now != at[name] {
				t.Errorf("%v: the port's error moved %s from %v to %v", size, name, at[name], now)
			}
		}
		for name, o := range map[string]fyne.CanvasObject{"Enregistrer": s.save, "Annuler": s.cancel} {
			h.inWindow(fmt.Sprintf("%v: %s, with the port's error,", size, name), o)
		}

		typeInto(s.port, "")
		typeInto(s.port, strconv.Itoa(smtp.Port))
		typeInto(s.user, "sesame@cabinet.fr")
		h.press(fyne.KeyReturn)
		if !s.accountErr.Visible() || !strings.Contains(s.accountErr.Text, "mot de passe") {
			t.Fatalf("%v: a user without the password is not said under the password: %q", size, s.accountErr.Text)
		}
		if now := where(s.from); now != at["Expéditeur"] {
			t.Errorf("%v: the password's error moved Expéditeur from %v to %v", size, at["Expéditeur"], now)
		}
		typeInto(s.user, "")
		h.press(fyne.KeyReturn)
		h.wait()
		h.tap(s.test)
		h.wait()
		if s.testResult.Hidden {
			t.Fatalf("%v: the test e-mail's sentence is not shown", size)
		}
		for name, o := range map[string]fyne.CanvasObject{"Enregistrer": s.save, "Annuler": s.cancel} {
			h.inWindow(fmt.Sprintf("%v: %s, once the test's sentence is shown,", size, name), o)
		}
		h.press(fyne.KeyEscape)
	}
}
