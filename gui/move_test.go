package gui

import (
	"context"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"sesame/service"
	"sesame/service/httpserver/servertest"
	"sesame/service/keychain"
	"sesame/service/remote"
)

// sessionOn is the app's server backend with kc as its keychain.
func sessionOn(kc keychain.Keychain) SessionFunc {
	return func(ctx context.Context, serverURL string) (service.ServerSession, error) {
		sess, err := remote.NewSession(ctx, serverURL, kc)
		if err != nil {
			return nil, err
		}
		return sess, nil
	}
}

// press sends a key to whatever has the window's keyboard (a dialog, a screen).
func (h *harness) press(name fyne.KeyName) {
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name})
	h.wait()
}

// Paramètres → « Passer au serveur du cabinet »: the administrator names the server
// and signs in there (the app's usual sign-in, through the browser), the dry run
// counts what would move, Enter moves it; the app is then on the server, whose keys
// are this computer's (same identifiers, the secrets verify there), and the local
// file is kept read-only with a note that local mode shows instead of the old keys.
// Escape leaves the first step without changing anything.
func TestMoveToTheFirmServer(t *testing.T) {
	s := newTestServer(t, nil)
	kc := testKeychain(t, s)
	h := launch(t, t.TempDir(), sessionOn(kc), nil)
	h.setUpFirm()
	ctx := context.Background()
	var made []service.GeneratedKey
	for _, name := range []string{"Banque", "Paie"} {
		g, err := h.portal().Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: name})
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, g)
	}

	// Escape closes the first step: still « Ce poste », nothing pending.
	h.u.showSettings(nil)
	h.tap(h.u.settings.move)
	if h.u.moveStart == nil || !textIn(h.topOverlay(), "chaque clé garde son identifiant et son secret") {
		t.Fatal("« Passer au serveur du cabinet… » opens no first step")
	}
	h.press(fyne.KeyEscape)
	if h.topOverlay() != nil || backendMode(h.app.Preferences()) != modeLocal || h.app.Preferences().Bool(prefMovePending) {
		t.Fatal("Escape on the first step changed something")
	}

	h.u.showSettings(nil)
	h.tap(h.u.settings.move)
	typeInto(h.u.moveStart.serverURL, "ftp://serveur")
	h.press(fyne.KeyReturn)
	if !strings.Contains(h.u.moveStart.urlErr.Text, "https://") || backendMode(h.app.Preferences()) != modeLocal {
		t.Fatalf("a wrong address: %q", h.u.moveStart.urlErr.Text)
	}
	typeInto(h.u.moveStart.serverURL, s.URL)
	h.browser = &testBrowser{t: t, signIn: s.Browser(servertest.Login, s.Password), opened: make(chan string, 8)}
	h.u.openURL = h.browser.open
	h.server, h.kc = s, kc
	h.press(fyne.KeyReturn)
	if h.u.signInScreen == nil {
		t.Fatal("the move does not go through the server's sign-in")
	}
	h.signIn()

	m := h.u.move
	if m == nil {
		t.Fatal("no move dialog after signing in")
	}
	if !strings.Contains(m.counts.Text, "Seraient déplacés : 2 clés et 2 événements du journal") || m.move.Disabled() {
		t.Fatalf("dry run: %q / %q / %q", m.status.Text, m.counts.Text, m.errText.Text)
	}
	if _, err := s.Store.KeyByID(ctx, made[0].Key.ID); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("the dry run wrote the key on the server: %v", err)
	}
	h.press(fyne.KeyReturn)
	if h.u.move != nil || !textIn(h.topOverlay(), "ont été déplacés sur le serveur du cabinet "+s.URL) {
		t.Fatalf("the move did not end with its note; dialog says %q / %q", m.status.Text, m.errText.Text)
	}
	if m.progress.Value != 1 {
		t.Fatalf("the upload's progress ended at %v", m.progress.Value)
	}
	h.press(fyne.KeyReturn) // closes the note

	// The app works on the server, whose keys are this computer's.
	if backendMode(h.app.Preferences()) != modeServer || h.u.profileScreen == nil {
		t.Fatal("the app is not on the server after the move")
	}
	page, err := h.portal().ListKeys(ctx, service.KeyFilter{Tiers: "95963", Service: "loop-apikey"})
	if err != nil || len(page.Keys) != 2 {
		t.Fatalf("the server's keys after the move: %+v, %v", page.Keys, err)
	}
	for _, g := range made {
		rec, err := s.Store.KeyByID(ctx, g.Key.ID)
		if err != nil || !service.SecretMatches(g.Credentials.Secret, rec.Digest) {
			t.Fatalf("key %s on the server: %v", g.Key.ID, err)
		}
	}

	// The local file is kept read-only under another name, with its note.
	if _, err := os.Stat(h.path); !os.IsNotExist(err) {
		t.Fatalf("the local file is still where the app opens it: %v", err)
	}
	fi, err := os.Stat(h.path + ".deplace-vers-serveur")
	if err != nil || fi.Mode().Perm()&0o200 != 0 {
		t.Fatalf("the kept file: %v, %v", fi, err)
	}

	// Back on « Ce poste »: the note, not the old keys nor a new empty profile.
	h.app.Preferences().SetString(prefMode, modeLocal)
	h.u.start()
	h.wait()
	if h.u.movedScreen == nil || h.u.setupScreen != nil || h.u.profileScreen != nil ||
		!strings.Contains(h.u.movedScreen.note.Text, s.URL) || !strings.Contains(h.u.movedScreen.note.Text, "lecture seule") {
		t.Fatal("local mode does not show where the keys went")
	}
	if _, err := os.Stat(h.path); !os.IsNotExist(err) {
		t.Fatal("local mode created a new file after the move")
	}
	// Enter goes to the server, signed in from the keychain.
	h.press(fyne.KeyReturn)
	if backendMode(h.app.Preferences()) != modeServer || h.u.profileScreen == nil {
		t.Fatal("« Utiliser le serveur du cabinet » does not open the server")
	}
}

// A dry run the server refuses (this computer's firm is not the one the
// administrator signed in for) says why in French, leaves « Déplacer » off, and
// Escape goes back to « Ce poste » with its keys, nothing written on the server.
func TestMoveRefusedStaysOnThisComputer(t *testing.T) {
	s := newTestServer(t, nil)
	kc := testKeychain(t, s)
	h := launch(t, t.TempDir(), sessionOn(kc), nil)
	s2 := h.u.setupScreen
	typeInto(s2.sic, "11111")
	typeInto(s2.firm, "AUTRE CABINET")
	typeInto(s2.admin, "Delhumeau Vincent")
	enter(s2.admin)
	h.wait()
	ctx := context.Background()
	g, err := h.portal().Generate(ctx, service.GenerateRequest{Tiers: "11111", Service: "loop-apikey", Name: "Banque"})
	if err != nil {
		t.Fatal(err)
	}

	h.u.showSettings(nil)
	h.tap(h.u.settings.move)
	typeInto(h.u.moveStart.serverURL, s.URL)
	h.browser = &testBrowser{t: t, signIn: s.Browser(servertest.Login, s.Password), opened: make(chan string, 8)}
	h.u.openURL = h.browser.open
	h.server, h.kc = s, kc
	h.press(fyne.KeyReturn)
	h.signIn()
	m := h.u.move
	if m == nil || !strings.Contains(m.errText.Text, "Ce fichier est celui du cabinet 11111") || !m.move.Disabled() {
		t.Fatalf("a refused dry run: %+v", m)
	}
	h.press(fyne.KeyReturn) // does nothing: nothing to move
	if h.u.move == nil {
		t.Fatal("Enter closed the dialog of a refused dry run")
	}
	h.press(fyne.KeyEscape)
	if backendMode(h.app.Preferences()) != modeLocal || h.app.Preferences().Bool(prefMovePending) || h.u.profileScreen == nil {
		t.Fatal("Escape does not bring the app back to « Ce poste »")
	}
	if page, err := h.portal().ListKeys(ctx, service.KeyFilter{Tiers: "11111", Service: "loop-apikey"}); err != nil || len(page.Keys) != 1 {
		t.Fatalf("this computer's keys after a refused move: %+v, %v", page.Keys, err)
	}
	if _, err := s.Store.KeyByID(ctx, g.Key.ID); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("the refused move wrote on the server: %v", err)
	}
	if _, err := os.Stat(h.path); err != nil {
		t.Fatalf("the local file after a refused move: %v", err)
	}
}

// The move's counts agree with their numbers: « 1 clé », « 12 clés », never
// « clé(s) ».
func TestMoveCountsAgreeWithTheirNumbers(t *testing.T) {
	if err := setUpLanguage(); err != nil {
		t.Fatal(err)
	}
	got := countsText(service.ImportCounts{Keys: 1, Events: 12, Tiers: 2, Services: 1, Policies: 0})
	want := "Seraient déplacés : 1 clé et 12 événements du journal. Seraient ajoutés au serveur : 2 tiers, 1 service du catalogue et 0 politique ; ceux que le serveur a déjà restent tels quels."
	if got != want {
		t.Errorf("counts:\n%q\nwant\n%q", got, want)
	}
}
