package gui

import (
	"context"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/httpserver/servertest"
	"sesame/service/msg"
)

// Issue 10, case 4: the operator ends the administrator's sessions while the keys page
// is open (access token still valid); the next action says "Votre session a été
// fermée" and offers to sign in again, and the page comes back with what was typed.
func TestSessionClosedByTheOperatorOffersToSignInAgain(t *testing.T) {
	srv := newTestServer(t, nil)
	h := startServerHarness(t, srv, testKeychain(t, srv))
	h.signIn()
	s := h.openKeys("Loop APIkey")
	if _, err := srv.Store.RevokeAdminSessions(context.Background(), servertest.Login, time.Now()); err != nil {
		t.Fatal(err)
	}

	typeInto(s.gen.newName, "Clé après fermeture")
	enter(s.gen.newName)
	h.wait()
	d := h.topOverlay()
	if !textIn(d, msg.T(service.MsgSessionClosed, nil)) {
		t.Fatal("no dialog says the session was closed")
	}
	h.tap(h.buttonIn(d, "Se reconnecter"))
	if h.u.signInScreen == nil || h.u.signInScreen.status.Text != msg.T(service.MsgSessionClosed, nil) {
		t.Fatal("Se reconnecter does not show the sign-in screen saying the session was closed")
	}
	h.win.Canvas().OnTypedKey()(&keyReturn)
	h.wait()
	if h.u.keysScreen != s || h.win.Content() != s.content || s.gen.newName.Text != "Clé après fermeture" {
		t.Fatalf("after signing in again: keys page back %v, name %q", h.win.Content() == s.content, s.gen.newName.Text)
	}
	enter(s.gen.newName)
	h.wait()
	if h.u.keysScreen.credentials == nil {
		t.Fatalf("no credentials after signing in again: %q", s.gen.newNameErr.Text)
	}
	h.closeGenerated()
}
