package gui

import (
	"context"
	"path/filepath"
	"testing"

	"sesame/service"
	"sesame/service/local"
	"sesame/service/msg"
	"sesame/service/store"
)

// Issue 21, item 11: the SIC code is the firm's Cegid customer number, digits only.
// « abc » is refused beside its field with a sentence of its own, and no firm is
// created; a tiers attached later keeps letters and digits.
func TestSetupRefusesASICCodeWithLetters(t *testing.T) {
	h := newHarness(t)
	s := h.u.setupScreen
	typeInto(s.sic, "abc")
	typeInto(s.firm, "FUTUROSCOPE CEDEX")
	typeInto(s.admin, "Delhumeau Vincent")
	h.tap(s.submit)
	if want := msg.T(service.MsgSICCodeFormat, nil); !s.sicErr.Visible() || s.sicErr.Text != want {
		t.Fatalf("the SIC code « abc »: error shown=%v %q, want %q", s.sicErr.Visible(), s.sicErr.Text, want)
	}
	if h.u.profileScreen != nil {
		t.Fatal("the profile opened with the SIC code « abc »")
	}
	if _, err := h.portal().Profile(context.Background()); service.ErrorCode(err) != service.ENOPROFILE {
		t.Fatalf("after « abc », Profile() = %v, want ENOPROFILE", err)
	}

	h.setUpFirm()
	a := h.u.profileScreen.attach
	typeInto(a.code, "ABC12")
	typeInto(a.name, "SARL DUPONT ET FILS")
	h.tap(a.submit)
	if a.codeErr.Visible() || !textIn(h.u.profileScreen.tiers, "ABC12 SARL DUPONT ET FILS") {
		t.Fatalf("a tiers code of letters and digits refused: %q", a.codeErr.Text)
	}
}

// A firm set up before SIC codes were digits only still opens: its code is shown,
// not refused when read.
func TestAStoredSICCodeWithLettersStillOpens(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	p, err := local.Open(ctx, filepath.Join(dir, "sesame.db"))
	if err != nil {
		t.Fatal(err)
	}
	st := p.Store()
	if err := st.AddTiers(ctx, service.Tiers{Code: "CAB01", Name: "FUTUROSCOPE CEDEX"}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutAdmin(ctx, store.Admin{Login: store.LocalLogin, Name: "Delhumeau Vincent", SICCode: "CAB01", Tiers: []string{"CAB01"}}); err != nil {
		t.Fatal(err)
	}
	p.Close()

	h := startHarness(t, dir)
	if h.u.profileScreen == nil || h.u.profileScreen.sic.Text != "CAB01" {
		t.Fatalf("a stored SIC code « CAB01 » does not open the profile (window %q)", h.win.Title())
	}
}
