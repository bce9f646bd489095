package gui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/keytext"
	"sesame/gui/widgets"
	"sesame/service"
	"sesame/service/msg"
)

// openKeys goes from the profile to the keys page of a service, as the seed does.
func (h *harness) openKeys(name string) *keysScreen {
	h.t.Helper()
	h.tap(h.u.profileScreen.catalogue)
	h.tap(h.catalogueRowFor(name).key)
	if h.u.keysScreen == nil {
		h.t.Fatalf("the key button of %q opens no keys page", name)
	}
	return h.u.keysScreen
}

// generate names a new key and presses Enter.
func (h *harness) generate(name string) {
	typeInto(h.u.keysScreen.gen.newName, name)
	enter(h.u.keysScreen.gen.newName)
	h.wait()
}

// closeGenerated closes the credentials dialog, confirming.
func (h *harness) closeGenerated() {
	h.t.Helper()
	g := h.u.keysScreen.credentials
	if g == nil {
		h.t.Fatal("no credentials dialog to close")
	}
	test.Tap(g.closeBtn)
	h.tap(h.buttonIn(h.topOverlay(), "Oui, fermer"))
	if h.u.keysScreen.credentials != nil {
		h.t.Fatal("the credentials dialog is still open after confirming")
	}
}

// column is what the table shows in a column, top to bottom.
func column(t *keyTable, col int) []string {
	out := make([]string, len(t.keys))
	for row := range t.keys {
		out[row] = t.cellText(row, col)
	}
	return out
}

// shownAt is where the table shows a column of keyColumns, -1 if it does not.
func shownAt(t *keyTable, col int) int {
	return slices.Index(t.cols, col)
}

// headerButton renders the header of a column of keyColumns and returns its button.
func headerButton(t *keyTable, col int) *widgets.Button {
	o := t.table.CreateHeader()
	t.table.UpdateHeader(widget.TableCellID{Row: -1, Col: shownAt(t, col)}, o)
	return o.(*widgets.Button)
}

// revokeButton renders the action cell of a row and returns its button.
func revokeButton(t *keyTable, row int) *widgets.Button {
	o := t.table.CreateCell()
	t.table.UpdateCell(widget.TableCellID{Row: row, Col: shownAt(t, actionColumn)}, o)
	return o.(*widgets.Cell).Action
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

func TestGenerateShowsTheCredentialsOnceAndForgetsThem(t *testing.T) {
	forEachBackend(t, testGenerateShowsTheCredentialsOnceAndForgetsThem)
}

func testGenerateShowsTheCredentialsOnceAndForgetsThem(t *testing.T, h *harness) {
	s := h.openKeys("Loop APIkey")
	ctx := context.Background()
	stored := func() int {
		page, err := h.portal().ListKeys(ctx, service.KeyFilter{Tiers: "95963", Service: "loop-apikey"})
		if err != nil {
			t.Fatal(err)
		}
		return len(page.Keys)
	}

	// Criteria as the seed shows them.
	if s.criteria.tiers.Selected != "95963 FUTUROSCOPE CEDEX" || s.criteria.attached.Text != "95963 FUTUROSCOPE CEDEX" ||
		s.criteria.service.Selected != "Loop APIkey" || !s.criteria.active.Checked || !s.criteria.revoked.Checked {
		t.Errorf("criteria: tiers %q, rattaché %q, service %q, active %v, revoked %v",
			s.criteria.tiers.Selected, s.criteria.attached.Text, s.criteria.service.Selected, s.criteria.active.Checked, s.criteria.revoked.Checked)
	}
	if !s.table.empty.Visible() || !strings.HasPrefix(s.table.empty.Text, "Aucune clé d'API pour ce tiers et ce service pour l'instant.") {
		t.Errorf("empty table says %q (shown=%v)", s.table.empty.Text, s.table.empty.Visible())
	}

	// Blank and over-long names: an error next to the field, nothing stored, text kept.
	h.tap(s.gen.generate)
	if !s.gen.newNameErr.Visible() || s.gen.newNameErr.Text != msg.T(service.MsgKeyNameBlank, nil) {
		t.Errorf("blank name: error shown=%v %q", s.gen.newNameErr.Visible(), s.gen.newNameErr.Text)
	}
	long := strings.Repeat("é", service.MaxKeyNameLength+1)
	h.generate(long)
	if s.gen.newNameErr.Text != msg.T(service.MsgKeyNameTooLong, nil) || s.gen.newName.Text != long {
		t.Errorf("over-long name: error %q, field kept=%v", s.gen.newNameErr.Text, s.gen.newName.Text == long)
	}
	if h.u.keysScreen.credentials != nil || stored() != 0 {
		t.Fatal("a refused name stored a key or opened the dialog")
	}

	// A name full of SQL and markup is stored and shown verbatim.
	const name = `'); DROP TABLE api_keys;-- <b>x</b>`
	h.guardWithShortDelay(t)
	h.generate(name)
	g := h.u.keysScreen.credentials
	if g == nil {
		t.Fatalf("no credentials dialog after Générer; error next to the field: %q", s.gen.newNameErr.Text)
	}
	if !textIn(h.topOverlay(), "La clé d'API '"+name+"' a été générée avec succès") ||
		!textIn(h.topOverlay(), "ne pourront plus jamais être affichées") {
		t.Error("the dialog does not say which key was generated, or lacks the warning")
	}
	id, secret := g.id.Text, g.secret.Text
	if _, err := service.ParseIdentifier(id); err != nil {
		t.Errorf("the identifier shown does not parse: %v", err)
	}
	if !strings.HasPrefix(secret, service.SecretPrefix) || len(secret) < 40 {
		t.Error("the secret shown does not look like a Sésame secret")
	}
	if after := delayLabel(int(h.u.guard.delay().Seconds())); !richTextIn(h.topOverlay(), "Le presse-papiers est effacé automatiquement "+after+" après « Copier »") {
		t.Error("the dialog does not say after how long the clipboard is cleared")
	}
	if !g.id.TextStyle.Monospace || !g.secret.TextStyle.Monospace {
		t.Error("credentials are not shown in monospace")
	}
	// Their « Copier » is the way to the clipboard, under its guard: the values take
	// no keyboard focus of their own (they took it without showing it).
	if g.id.Selectable || g.secret.Selectable {
		t.Error("the identifier or the secret is selectable: a Tab stop that shows nothing, and a copy round the clipboard guard")
	}
	if s.gen.newName.Text != "" {
		t.Errorf("the name field still holds %q after a generation", s.gen.newName.Text)
	}

	// Copier puts each value on the app's clipboard and says so.
	clip := h.app.Clipboard()
	test.Tap(g.copyID)
	if clip.Content() != id || g.copyID.Text != "Copié" {
		t.Errorf("after Copier (identifier): clipboard holds it=%v, button %q", clip.Content() == id, g.copyID.Text)
	}
	test.Tap(g.copySecret)
	if clip.Content() != secret || g.copySecret.Text != "Copié" || g.copyID.Text != "Copier" {
		t.Errorf("after Copier (secret): clipboard holds it=%v, buttons %q %q", clip.Content() == secret, g.copyID.Text, g.copySecret.Text)
	}
	// Both delays end: the identifier's check finds the secret on the clipboard and
	// leaves it; the secret's check clears it (in whichever order the timers fire).
	first, second := h.nextClipboardCheck(t), h.nextClipboardCheck(t)
	if first == second || clip.Content() != "" {
		t.Errorf("after the delays: checks cleared %v then %v, clipboard empty=%v; want exactly one clearing and an empty clipboard",
			first, second, clip.Content() == "")
	}

	// Closing asks first; "no" keeps the dialog, Escape too, the window's close too.
	test.Tap(g.closeBtn)
	if g.confirm == nil || !textIn(h.topOverlay(), "Avez-vous bien noté l'identifiant et le secret ?") {
		t.Fatal("Fermer does not ask whether the values were noted")
	}
	test.Tap(h.buttonIn(h.topOverlay(), "Non, revenir"))
	if h.u.keysScreen.credentials != g || g.secret.Text != secret {
		t.Fatal("answering no closed the dialog")
	}
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if g.confirm == nil {
		t.Fatal("Escape does not ask whether the values were noted")
	}
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if g.confirm != nil || h.u.keysScreen.credentials != g {
		t.Fatal("Escape on the question does not go back to the dialog")
	}
	g.onRequestClose() // what the window's close button calls while the dialog is open
	h.tap(h.buttonIn(h.topOverlay(), "Oui, fermer"))
	if h.u.keysScreen.credentials != nil || g.id.Text != "" || g.secret.Text != "" {
		t.Fatal("confirming does not close the dialog and forget the values")
	}
	if h.topOverlay() != nil {
		t.Error("a dialog is still shown after closing")
	}

	// The new row, verbatim.
	tb := s.table
	if len(tb.keys) != 1 || tb.cellText(0, 0) != name {
		t.Fatalf("table rows %q, want the new key", column(tb, 0))
	}
	if tb.cellText(0, 2) != "Delhumeau Vincent" || tb.cellText(0, 3) != "Active" {
		t.Errorf("row shows creator %q, status %q", tb.cellText(0, 2), tb.cellText(0, 3))
	}
	date := tb.cellText(0, 1)
	if !regexp.MustCompile(`^\d\d/\d\d/\d{4} \d\d:\d\d$`).MatchString(date) {
		t.Errorf("creation date shown as %q", date)
	} else if at, _ := time.ParseInLocation(keytext.DateLayout(), date, time.Local); time.Since(at) > 2*time.Minute || time.Since(at) < -time.Minute {
		t.Errorf("creation date %q is not now, local time", date)
	}
	if tb.empty.Visible() {
		t.Error("the table says it is empty")
	}

	// The same active name again is refused, in French, and nothing is stored.
	h.generate(name)
	if h.u.keysScreen.credentials != nil || s.gen.newNameErr.Text != msg.T(service.MsgKeyNameTaken, nil) || s.gen.newName.Text != name {
		t.Errorf("duplicate name: dialog=%v, error %q, name kept=%v", h.u.keysScreen.credentials != nil, s.gen.newNameErr.Text, s.gen.newName.Text == name)
	}
	if stored() != 1 {
		t.Errorf("%d keys stored, want 1", stored())
	}

	// The secret is nowhere: table, preferences, log, SQLite file and WAL.
	for row := range tb.keys {
		for col := range keyColumns {
			if strings.Contains(tb.cellText(row, col), secret) {
				t.Error("the table shows the secret")
			}
		}
	}
	if p, ok := h.app.Preferences().(interface{ ReadValues(func(map[string]any)) }); ok {
		p.ReadValues(func(m map[string]any) {
			for k, v := range m {
				if str, ok := v.(string); ok && strings.Contains(str, secret) {
					t.Errorf("preference %q holds the secret", k)
				}
			}
		})
	}
	if strings.Contains(h.log.String(), secret) {
		t.Error("the log holds the secret")
	}
	if h.server != nil && strings.Contains(h.server.Logs.String(), secret) {
		t.Error("the server's log holds the secret")
	}
	h.assertNoToken()
	h.assertNotOnDisk(secret, "while open")
	h.u.shutdown()
	h.assertNotOnDisk(secret, "after closing")
}

// guardWithShortDelay makes the clipboard guard check after 50 ms and report each check.
func (h *harness) guardWithShortDelay(t *testing.T) {
	checks := make(chan bool, 8)
	h.u.guard.delay = func() time.Duration { return 50 * time.Millisecond }
	h.u.guard.checked = func(cleared bool) { checks <- cleared }
	h.checks = checks
}

// nextClipboardCheck waits for the guard's next check and says whether it cleared.
func (h *harness) nextClipboardCheck(t *testing.T) bool {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case f := <-h.ui:
			f()
		case c := <-h.checks:
			return c
		case <-timeout:
			t.Fatal("the clipboard guard never checked the clipboard")
			return false
		}
	}
}

// assertNotOnDisk fails if the secret's bytes are in any file of the store's folder
// (the SQLite file, its WAL and shared memory): the app's, or in server mode the
// server's.
func (h *harness) assertNotOnDisk(secret, when string) {
	h.t.Helper()
	dir := h.dir
	if h.server != nil {
		dir = filepath.Dir(h.server.DBPath)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		h.t.Fatal(err)
	}
	sawDB := false
	for _, e := range entries {
		data, err := os.ReadFile(dir + "/" + e.Name())
		if err != nil {
			h.t.Fatal(err)
		}
		sawDB = sawDB || e.Name() == "sesame.db"
		if bytes.Contains(data, []byte(secret)) {
			h.t.Errorf("%s: %s holds the secret", when, e.Name())
		}
		if e.Name() == "sesame.db" && !bytes.Contains(data, []byte("SQLite format 3")) {
			h.t.Errorf("%s: sesame.db is not an SQLite file", when)
		}
	}
	if !sawDB {
		h.t.Errorf("%s: no sesame.db in the store's folder", when)
	}
}
