package gui

import (
	"context"
	"os"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/msg"
)

func TestFirstStartAsksForTheFirmThenOpensTheProfile(t *testing.T) {
	h := newHarness(t)
	s := h.u.setupScreen
	if s == nil {
		t.Fatal("an empty store does not start on the firm profile form")
	}
	if got := h.win.Title(); got != "Sésame — Profil du cabinet" {
		t.Errorf("window title = %q", got)
	}
	if want := osFullName(); s.admin.Text != want || want == "" {
		t.Errorf("administrator's name defaults to %q, want the OS account's %q", s.admin.Text, want)
	}

	// Blank fields: each says what is wrong, in French, and nothing is created.
	s.admin.SetText("")
	h.tap(s.submit)
	for _, c := range []struct {
		field string
		got   string
		shown bool
		want  string
	}{
		{"Code SIC", s.sicErr.Text, s.sicErr.Visible(), msg.T(service.MsgSICCodeBlank, nil)},
		{"Nom du cabinet", s.firmErr.Text, s.firmErr.Visible(), "Le nom du cabinet est obligatoire."},
		{"Nom de l'administrateur", s.adminErr.Text, s.adminErr.Visible(), "Le nom de l'administrateur est obligatoire."},
	} {
		if !c.shown || c.got != c.want {
			t.Errorf("%s left blank: error shown=%v %q, want %q", c.field, c.shown, c.got, c.want)
		}
	}
	if h.u.profileScreen != nil {
		t.Fatal("the profile opened although the form is blank")
	}
	if _, err := h.portal().Profile(context.Background()); service.ErrorCode(err) != service.ENOPROFILE {
		t.Fatalf("after a blank form, Profile() = %v, want ENOPROFILE", err)
	}

	// A bad SIC code is refused next to its field; the other fields keep their text.
	typeInto(s.sic, "95 963")
	typeInto(s.firm, "FUTUROSCOPE CEDEX")
	h.tap(s.submit)
	if s.sicErr.Text != msg.T(service.MsgSICCodeFormat, nil) || s.firmErr.Visible() {
		t.Errorf("bad SIC code: sic error %q, firm error shown=%v", s.sicErr.Text, s.firmErr.Visible())
	}
	if s.firm.Text != "FUTUROSCOPE CEDEX" {
		t.Errorf("firm name lost: %q", s.firm.Text)
	}

	h.setUpFirm()
	p := h.u.profileScreen
	if p.admin.Text != "Delhumeau Vincent" || p.sic.Text != "95963" {
		t.Errorf("profile shows admin %q, SIC %q", p.admin.Text, p.sic.Text)
	}
	if !textIn(p.tiers, "95963 FUTUROSCOPE CEDEX") {
		t.Error("the profile does not list the firm as a tiers")
	}
	if h.win.Title() != "Sésame — Profil" {
		t.Errorf("window title = %q", h.win.Title())
	}
}

func TestNextStartGoesStraightToTheProfile(t *testing.T) {
	dir := t.TempDir()
	h := startHarness(t, dir)
	h.setUpFirm()
	h.u.shutdown()

	h2 := startHarness(t, dir)
	if h2.u.setupScreen != nil || h2.u.profileScreen == nil {
		t.Fatal("the second start does not go straight to the profile")
	}
	if h2.u.profileScreen.admin.Text != "Delhumeau Vincent" {
		t.Errorf("second start shows administrator %q", h2.u.profileScreen.admin.Text)
	}
}

func TestAttachTiers(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	a := h.u.profileScreen.attach
	if a == nil {
		t.Fatal("the local Portal edits the firm, yet the profile offers no way to attach a tiers")
	}
	if a.parent.Selected != "95963 FUTUROSCOPE CEDEX" {
		t.Errorf("attach to %q by default, want the firm", a.parent.Selected)
	}

	typeInto(a.code, "12 345")
	h.tap(a.submit)
	if !a.codeErr.Visible() || a.codeErr.Text != msg.T(service.MsgTiersCodeFormat, nil) {
		t.Errorf("bad tiers code: error shown=%v %q", a.codeErr.Visible(), a.codeErr.Text)
	}
	if a.nameErr.Text != "Le nom du tiers est obligatoire." {
		t.Errorf("blank tiers name: error %q", a.nameErr.Text)
	}

	typeInto(a.code, "12345")
	typeInto(a.name, "BOULANGERIE MARTIN")
	enter(a.name)
	h.wait()
	if a.codeErr.Visible() || a.nameErr.Visible() || a.formErr.Visible() {
		t.Fatalf("valid tiers refused: %q %q %q", a.codeErr.Text, a.nameErr.Text, a.formErr.Text)
	}
	if !textIn(h.u.profileScreen.tiers, "12345 BOULANGERIE MARTIN — rattaché à 95963 FUTUROSCOPE CEDEX") {
		t.Error("the profile does not list the attached tiers")
	}
	if a.code.Text != "" || a.name.Text != "" {
		t.Error("the attach form keeps the added tiers' values")
	}
	if len(h.u.backend.profile.Tiers) != 2 {
		t.Fatalf("profile has %d tiers, want 2", len(h.u.backend.profile.Tiers))
	}

	// The same code again is refused next to the code, and what was typed stays.
	typeInto(a.code, "12345")
	typeInto(a.name, "AUTRE")
	h.tap(a.submit)
	if a.codeErr.Text != msg.T(service.MsgTiersExists, nil) {
		t.Errorf("duplicate tiers code: error %q, want %q", a.codeErr.Text, service.MsgTiersExists)
	}
	if a.name.Text != "AUTRE" {
		t.Errorf("name typed lost after a refusal: %q", a.name.Text)
	}
}

func TestStoreThatCannotOpenSaysWhyAndQuits(t *testing.T) {
	dir := t.TempDir()
	// Not a Sésame file: a damaged store.
	if err := os.WriteFile(dir+"/sesame.db", []byte("ceci n'est pas une base SQLite, mais un fichier abîmé.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h := startHarness(t, dir)
	if h.u.setupScreen != nil || h.u.profileScreen != nil {
		t.Fatal("a damaged store opened a screen")
	}
	d := h.topOverlay()
	if !textIn(d, msg.T(service.MsgStoreCorrupt, nil)) {
		t.Fatal("no dialog says the data file is damaged")
	}
	h.tap(h.buttonIn(d, "Quitter"))
	if !h.quit {
		t.Error("Quitter does not quit")
	}
}

func TestPanicInBackgroundWorkShowsADialog(t *testing.T) {
	h := newHarness(t)
	done := false
	h.u.run.run("test", nil, func(context.Context) error { panic("boom") }, func(err error) {
		done = true
		if service.ErrorCode(err) != service.EINTERNAL {
			t.Errorf("a panic became %v, want EINTERNAL", err)
		} else {
			h.u.showError("test", err)
		}
	})
	h.wait()
	if !done {
		t.Fatal("done was not called after a panic")
	}
	if !textIn(h.topOverlay(), msg.T(service.MsgUnexpected, nil)) {
		t.Error("no dialog tells the user about the unexpected error")
	}
	if logged := h.log.String(); !containsAll(logged, "panic recovered", "op=test") {
		t.Errorf("the panic is not logged: %s", logged)
	}
}

func TestLockedStoreOffersToRetry(t *testing.T) {
	h := newHarness(t)
	h.u.showFatal(service.Errorf(service.ELOCKED, service.MsgStoreLocked, nil))
	d := h.topOverlay()
	if !textIn(d, msg.T(service.MsgStoreLocked, nil)) {
		t.Fatal("no dialog says the data file is locked")
	}
	// The other instance has gone: Réessayer opens the store.
	h.tap(h.buttonIn(d, "Réessayer"))
	if h.u.setupScreen == nil || h.quit {
		t.Fatal("Réessayer does not open the store again")
	}
	if h.topOverlay() != nil {
		t.Error("the error dialog is still shown after a successful retry")
	}
}

func TestAdministratorDefaultsToTheAccountsNameWithoutDomain(t *testing.T) {
	for _, c := range []struct{ display, user, want string }{
		{"Vincent Delhumeau", `CABINET\vdelhumeau`, "Vincent Delhumeau"},
		{"", `VM\root`, "root"},
		{"  ", `CABINET\vdelhumeau`, "vdelhumeau"},
		{`VM\root`, `VM\root`, "root"}, // a display name that is the login itself
		{"", "vincent", "vincent"},
		{"Vincent Delhumeau", "vincent", "Vincent Delhumeau"},
	} {
		if got := accountName(c.display, c.user); got != c.want {
			t.Errorf("accountName(%q, %q) = %q, want %q", c.display, c.user, got, c.want)
		}
	}
}

func TestFormErrorsGoOnceTheFieldIsFixedAndPlaceholdersReadAsExamples(t *testing.T) {
	h := newHarness(t)
	s := h.u.setupScreen
	if !strings.HasPrefix(s.sic.PlaceHolder, "ex. ") {
		t.Errorf("the SIC code's placeholder %q looks like a value", s.sic.PlaceHolder)
	}
	typeInto(s.sic, "95 963")
	typeInto(s.firm, "")
	enter(s.sic)
	h.wait()
	if !s.sicErr.Visible() || !s.firmErr.Visible() {
		t.Fatal("a wrong code and a blank firm show no error")
	}
	typeInto(s.sic, "95963")
	if s.sicErr.Visible() {
		t.Error("the code's error stays after the code was fixed")
	}
	if !s.firmErr.Visible() {
		t.Error("fixing the code hid the firm's error")
	}
	typeInto(s.firm, "FUTUROSCOPE CEDEX")
	if s.firmErr.Visible() {
		t.Error("the firm's error stays after the name was typed")
	}
	h.setUpFirm()
	a := h.u.profileScreen.attach
	if !strings.HasPrefix(a.code.PlaceHolder, "ex. ") {
		t.Errorf("the tiers code's placeholder %q looks like a value", a.code.PlaceHolder)
	}
	typeInto(a.code, "x y")
	h.tap(a.submit)
	if !a.codeErr.Visible() {
		t.Fatal("a wrong tiers code shows no error")
	}
	typeInto(a.code, "12345")
	if a.codeErr.Visible() {
		t.Error("the tiers code's error stays after it was fixed")
	}
}
