package gui

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"sesame/service/keychain"
	"sesame/service/store/storetest"
)

// testSealKeys keeps a test's journal sealing key in the real keychain (gnome-keyring
// under scripts/with-test-services), under an account of its own, removed after it.
func testSealKeys(t testing.TB) keychain.SealKeys {
	kc := keychain.OS{Service: "fr.cabinet.sesame.test"}
	k := keychain.SealKeys{Keychain: kc, Account: "journal-seal-" + t.Name()}
	t.Cleanup(func() { _ = kc.Delete(context.Background(), k.Account) })
	return k
}

// « Sceller maintenant » seals the journal's head (the seal is journaled and listed),
// « Vérifier l'intégrité » then names the seal, and after the file is rewritten behind
// the app's back with every hash recomputed, names the sealed event and the seal's
// date in red.
func TestJournalSealAndRewrite(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	h.openKeys("Loop APIkey")
	for _, n := range []string{"Banque", "Paie"} {
		h.generate(n)
		h.closeGenerated()
	}
	h.tap(h.u.keysScreen.back)
	h.tap(h.u.catalogueScreen.back)
	j := h.openJournal()

	h.tap(j.sealBtn)
	if j.status.Importance != widget.SuccessImportance || !strings.Contains(j.status.Text, "jusqu'à l'événement n° 3") {
		t.Fatalf("after « Sceller maintenant »: %q", j.status.Text)
	}
	if rows := rowTexts(j); len(rows) != 3 || !strings.Contains(rows[0], "Scellement du journal · Delhumeau Vincent") {
		t.Fatalf("journal rows after the seal: %q", rows)
	}
	h.tap(j.verifyBtn)
	if j.status.Importance != widget.SuccessImportance || !strings.Contains(j.status.Text, "chaque sceau est authentique") ||
		!strings.Contains(j.status.Text, "jusqu'à l'événement n° 3") {
		t.Fatalf("verification of a sealed journal: %q", j.status.Text)
	}

	db, err := sql.Open("sqlite", h.path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	evs := slices.Clone(j.events) // newest first
	slices.Reverse(evs)
	storetest.RenameInJournal(t, db, evs, 1, "Banque (autre)")
	h.tap(j.verifyBtn)
	if j.status.Importance != widget.DangerImportance ||
		!strings.HasPrefix(j.status.Text, "Le journal a été réécrit : l'événement n° 3 n'a plus l'empreinte que lui donnait le sceau du ") {
		t.Fatalf("verification after a rewrite with recomputed hashes: %q", j.status.Text)
	}
}
