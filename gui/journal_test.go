package gui

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sesame/service"
	"sesame/service/local"
	"sesame/service/msg"
	"sesame/service/store/storetest"
)

// openJournal opens the journal from the profile's button.
func (h *harness) openJournal() *journalScreen {
	h.t.Helper()
	h.tap(h.u.profileScreen.journal)
	if h.u.journalScreen == nil || h.win.Content() != h.u.journalScreen.content {
		h.t.Fatal("the Journal button opens no journal")
	}
	return h.u.journalScreen
}

// readCSV parses an export as a French Excel opens it: BOM, ';'.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the export is not there: %v", err)
	}
	rest, ok := bytes.CutPrefix(b, []byte("\uFEFF"))
	if !ok {
		t.Fatal("the export does not start with a UTF-8 BOM")
	}
	rd := csv.NewReader(bytes.NewReader(rest))
	rd.Comma, rd.FieldsPerRecord = ';', -1
	lines, err := rd.ReadAll()
	if err != nil {
		t.Fatalf("the export is not CSV: %v", err)
	}
	return lines
}

// rowTexts are the two lines of each event the list shows.
func rowTexts(j *journalScreen) []string {
	var out []string
	for i := range j.events {
		o := newJournalRow(nil, nil)
		j.updateRow(i, o)
		r := o.(*journalRow)
		out = append(out, r.title.Text+" | "+r.detail.Text)
	}
	return out
}

// The journal lists the firm's events newest first, filters them, exports them as the
// CSV a French Excel opens (parsed here: header, one line per event, the chain's
// head), and "Vérifier l'intégrité" says the chain is whole, then names the event
// altered in the file behind the app's back.
func TestJournalListsExportsAndDetectsTampering(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	h.openKeys("Loop APIkey")
	for _, n := range []string{"Banque", "Élève", "Paie"} {
		h.generate(n)
		h.closeGenerated()
	}
	h.tap(h.u.keysScreen.back)
	h.tap(h.u.catalogueScreen.back)
	j := h.openJournal()

	rows := rowTexts(j)
	if len(rows) != 3 || !strings.Contains(rows[0], "Génération · Delhumeau Vincent") || !strings.Contains(rows[0], "Clé « Paie »") ||
		!strings.Contains(rows[2], "Clé « Banque »") || !strings.Contains(rows[2], "n° 1") {
		t.Fatalf("journal rows, newest first: %q", rows)
	}
	if j.count.Text != "3 événements affichés" {
		t.Fatalf("count %q", j.count.Text)
	}

	typeInto(j.keyName, "eleve")
	h.tap(j.filter)
	if rows := rowTexts(j); len(rows) != 1 || !strings.Contains(rows[0], "Élève") {
		t.Fatalf("rows by key name: %q", rows)
	}
	typeInto(j.from, "31/02/2025")
	h.tap(j.filter)
	if !j.fromErr.Visible() || j.fromErr.Text != msg.T(service.MsgDateInvalid, nil) {
		t.Fatalf("a bad date: error %q (shown %v)", j.fromErr.Text, j.fromErr.Visible())
	}
	h.tap(j.reset)
	j.action.SetSelectedIndex(4) // Révocation
	h.tap(j.filter)
	if len(j.events) != 0 || j.count.Text != "Aucun événement ne correspond aux critères." {
		t.Fatalf("revocations: %d events, %q", len(j.events), j.count.Text)
	}
	h.tap(j.reset)

	out := filepath.Join(t.TempDir(), "journal.csv")
	j.exportTo(out, false)
	h.wait()
	lines := readCSV(t, out)
	if len(lines) != 5 || !slices.Equal(lines[0], service.AuditCSVHeader(msg.French)) || lines[1][5] != "Banque" || lines[3][5] != "Paie" ||
		lines[1][4] != "Génération" || lines[4][0] != service.AuditCSVHeadLabel(msg.French) || lines[4][1] != "3" {
		t.Fatalf("export %q", lines)
	}
	if _, err := time.ParseInLocation("02/01/2006 15:04:05", lines[1][1], time.Local); err != nil {
		t.Fatalf("export date %q: %v", lines[1][1], err)
	}
	if !strings.Contains(j.status.Text, "3 événements dans "+out+".") {
		t.Fatalf("after the export the journal says %q", j.status.Text)
	}

	h.tap(j.verifyBtn)
	if j.status.Importance != widget.SuccessImportance || !strings.Contains(j.status.Text, "Journal intègre : les 3 événements") || !j.status.Visible() {
		t.Fatalf("verification of a whole chain: %q", j.status.Text)
	}
	db, err := sql.Open("sqlite", h.path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE audit_events SET key_name = 'Autre chose' WHERE id = 2`); err != nil {
		t.Fatal(err)
	}
	h.tap(j.verifyBtn)
	if j.status.Importance != widget.DangerImportance || !strings.HasPrefix(j.status.Text, "L'événement n° 2 a été modifié") {
		t.Fatalf("verification after altering event 2: %q", j.status.Text)
	}
	if _, err := db.Exec(`DELETE FROM audit_events WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	h.tap(j.verifyBtn)
	if !strings.HasPrefix(j.status.Text, "L'événement n° 1 manque") {
		t.Fatalf("verification after deleting event 1: %q", j.status.Text)
	}
}

// slowPortal holds the export after its first progress report until the test's
// context (Annuler) ends it, having written part of the file.
type slowPortal struct {
	service.Portal
	reported chan struct{}
}

func (p slowPortal) ExportAudit(ctx context.Context, f service.AuditFilter, w io.Writer, progress func(done, total int64)) error {
	err := p.Portal.ExportAudit(ctx, f, w, func(done, total int64) {
		progress(done, total)
		if done > 0 && p.reported != nil {
			close(p.reported)
			p.reported = nil
			<-ctx.Done()
		}
	})
	return err
}

// An export cancelled half-way with Annuler leaves nothing under the chosen name, nor
// a temporary file beside it, and says so.
func TestJournalExportCancelledLeavesNoFile(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	p := h.portal().(*local.Portal)
	r, ok := p.Store().(interface{ DB() *sql.DB })
	if !ok {
		t.Fatal("the local store does not expose its database")
	}
	var evs []service.AuditEvent
	for i := range 5000 {
		evs = append(evs, service.AuditEvent{At: time.Now(), Actor: "Delhumeau Vincent", Login: "local",
			Action: service.AuditGenerate, KeyID: "K", KeyName: "Clé", Tiers: "95963", Service: "loop-apikey", Detail: strings.Repeat("x", i%3)})
	}
	if err := storetest.AppendAudit(context.Background(), r.DB(), evs); err != nil {
		t.Fatal(err)
	}
	reported := make(chan struct{})
	h.u.backend.portal = slowPortal{Portal: p, reported: reported}
	j := h.openJournal()

	dir := t.TempDir()
	out := filepath.Join(dir, "journal.csv")
	if err := os.WriteFile(out, nil, 0o600); err != nil { // as the save dialog leaves it
		t.Fatal(err)
	}
	j.exportTo(out, true)
	h.pumpUntil(func() bool {
		select {
		case <-reported:
			return true
		default:
			return false
		}
	})
	if !j.exportBox.Visible() || j.exportBtn.Disabled() != true {
		t.Fatal("no progress bar and Annuler while the export runs")
	}
	test.Tap(j.cancel)
	h.wait()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("after Annuler the folder holds %q; want nothing", names)
	}
	if j.status.Text != "Export annulé : aucun fichier n'a été enregistré." || j.exportBox.Visible() {
		t.Fatalf("after Annuler: %q, progress shown %v", j.status.Text, j.exportBox.Visible())
	}
}

// Affichage : Journal (Ctrl+J) opens the journal once the firm is set up, and does
// nothing before.
func TestJournalMenu(t *testing.T) {
	h := newHarness(t)
	h.menuAction(fyne.KeyJ)()
	h.wait()
	if h.u.journalScreen != nil {
		t.Fatal("the journal opened before the firm profile exists")
	}
	h.setUpFirm()
	h.menuAction(fyne.KeyJ)()
	h.wait()
	if h.u.journalScreen == nil || h.win.Content() != h.u.journalScreen.content {
		t.Fatal("Ctrl+J does not open the journal")
	}
	h.tap(h.u.journalScreen.back)
	if h.win.Content() != h.u.profileScreen.content {
		t.Fatal("Retour au profil does not lead back to the profile")
	}
}

// In server mode the journal shows the sign-in with the address it came from, its
// export comes from the server (parsed here), and the server's verification names an
// event altered in the server's database.
func TestJournalInServerMode(t *testing.T) {
	h := newServerHarness(t)
	h.openKeys("Loop APIkey")
	h.generate("Banque")
	h.closeGenerated()
	h.tap(h.u.keysScreen.back)
	h.tap(h.u.catalogueScreen.back)
	j := h.openJournal()
	rows := rowTexts(j)
	if len(rows) != 2 || !strings.Contains(rows[0], "Clé « Banque » · depuis 127.0.0.1") ||
		!strings.Contains(rows[1], "Connexion · Delhumeau Vincent") || !strings.Contains(rows[1], "depuis 127.0.0.1") {
		t.Fatalf("journal rows in server mode: %q", rows)
	}
	out := filepath.Join(t.TempDir(), "journal.csv")
	j.exportTo(out, false)
	h.wait()
	lines := readCSV(t, out)
	if len(lines) != 4 || lines[1][4] != "Connexion" || lines[2][5] != "Banque" || lines[3][0] != service.AuditCSVHeadLabel(msg.French) {
		t.Fatalf("export in server mode %q", lines)
	}
	h.tap(j.verifyBtn)
	if j.status.Importance != widget.SuccessImportance {
		t.Fatalf("verification in server mode: %q", j.status.Text)
	}
	if _, err := h.server.Store.DB().Exec(`UPDATE audit_events SET addr = '10.9.9.9' WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	h.tap(j.verifyBtn)
	if j.status.Importance != widget.DangerImportance || !strings.HasPrefix(j.status.Text, "L'événement n° 1 a été modifié") {
		t.Fatalf("verification after altering the sign-in on the server: %q", j.status.Text)
	}
}
