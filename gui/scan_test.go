package gui

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"sesame/service"
	"sesame/service/scan"
)

// writeDocx writes a Word document whose second paragraph holds text.
func writeDocx(t *testing.T, path, text string) {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("word/document.xml")
	_, _ = w.Write([]byte(`<w:document><w:body><w:p><w:r><w:t>Procédure</w:t></w:r></w:p><w:p><w:r><w:t>` + text + `</w:t></w:r></w:p></w:body></w:document>`))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// « Rechercher des secrets exposés… » on a folder the test writes, in both modes:
// Enter starts the scan; each secret is listed with its place and its key (or
// « Clé inconnue »); « Suspendre » suspends the key in one click, its rows then say
// Suspendue and offer nothing more; « Renouveler le secret » shows a new secret once
// and the exposed one opens nothing any more; Escape closes. No secret reaches the
// app's log, the journal, or (server mode) a request the server received.
func TestScanDialogFindsAndContains(t *testing.T) {
	forEachBackend(t, func(t *testing.T, h *harness) {
		ctx := context.Background()
		paie, err := h.portal().Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Paie"})
		if err != nil {
			t.Fatal(err)
		}
		flux, err := h.portal().Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Flux"})
		if err != nil {
			t.Fatal(err)
		}
		grace, err := h.portal().Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Grâce"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := h.portal().Renew(ctx, service.RenewRequest{KeyID: grace.Key.ID, Grace: service.GraceDay, Version: 1}); err != nil {
			t.Fatal(err)
		}
		stranger, _ := service.NewCredentials()
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "vieux.txt"), []byte(grace.Credentials.Secret), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("a\nb\n"+paie.Credentials.Secret+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		writeDocx(t, filepath.Join(dir, "procédure.docx"), paie.Credentials.Secret)
		if err := os.WriteFile(filepath.Join(dir, "z.env"), []byte("A="+stranger.Secret+"\nB="+flux.Credentials.Secret+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		var bodies interface{ String() string }
		if h.server != nil {
			bodies = h.server.RecordBodies()
		}

		h.u.onScanMenu()
		d := h.u.scan
		if d == nil || h.topOverlay() == nil {
			t.Fatal("the menu item opens no dialog")
		}
		h.win.Canvas().OnTypedKey()(&keyReturn)
		h.wait()
		if len(d.rows) != 0 || !strings.Contains(d.status.Text, "Aucun dossier choisi") {
			t.Fatalf("Enter with no folder: %d rows, status %q", len(d.rows), d.status.Text)
		}
		d.addFolder(dir)
		h.win.Canvas().OnTypedKey()(&keyReturn)
		h.wait()
		if d.status.Text != "Recherche terminée : 4 fichiers lus, 5 secrets trouvés." || len(d.rows) != 5 {
			t.Fatalf("after the scan: %d rows, status %q", len(d.rows), d.status.Text)
		}
		rows := map[string]*scanRow{}
		for _, r := range d.rows {
			rows[r.place.Text] = r
		}
		txt := rows[filepath.Join(dir, "notes.txt")+", ligne\u00a03"]
		doc := rows[filepath.Join(dir, "procédure.docx")+" (word/document.xml), ligne\u00a02"]
		unknown := rows[filepath.Join(dir, "z.env")+", ligne\u00a01"]
		fluxRow := rows[filepath.Join(dir, "z.env")+", ligne\u00a02"]
		old := rows[filepath.Join(dir, "vieux.txt")+", ligne\u00a01"]
		if txt == nil || doc == nil || unknown == nil || fluxRow == nil || old == nil {
			t.Fatalf("rows %v", rows)
		}
		if txt.key.Text != "Clé « Paie » — Active — Cabinet" || !txt.suspend.Visible() || !txt.renew.Visible() || !txt.revoke.Visible() {
			t.Errorf("the active key's row: %q, actions shown %v", txt.key.Text, txt.suspend.Visible())
		}
		if unknown.key.Text != "Clé inconnue : ce secret n'est celui d'aucune de vos clés." || unknown.suspend.Visible() || unknown.revoke.Visible() {
			t.Errorf("the unknown secret's row: %q", unknown.key.Text)
		}

		if txt.endGrace.Visible() {
			t.Error("a current secret's row offers to end a grace period")
		}
		if old.key.Text != "Ancien secret, encore en période de grâce, de la clé « Grâce » — Active — Cabinet" ||
			!old.endGrace.Visible() || old.renew.Visible() {
			t.Errorf("the old secret's row: %q, « Mettre fin » shown %v, renewal shown %v", old.key.Text, old.endGrace.Visible(), old.renew.Visible())
		}
		h.tap(old.endGrace)
		if old.key.Text != "Ancien secret de la clé « Grâce » : il n'ouvre plus la clé (Active — Cabinet)." || old.endGrace.Visible() || old.suspend.Visible() {
			t.Errorf("after « Mettre fin à la période de grâce »: %q", old.key.Text)
		}

		h.tap(txt.suspend)
		for _, r := range []*scanRow{txt, doc} {
			if r.key.Text != "Clé « Paie » — Suspendue — Cabinet" || r.suspend.Visible() || r.renew.Visible() {
				t.Errorf("after « Suspendre »: %q, actions shown %v", r.key.Text, r.suspend.Visible())
			}
		}
		ev, err := h.portal().Audit(ctx, service.AuditFilter{Action: service.AuditSuspend})
		if err != nil || len(ev) != 1 || ev[0].KeyID != paie.Key.ID || !strings.HasPrefix(ev[0].Detail, "Secret exposé : "+filepath.Join(dir, "notes.txt")) {
			t.Fatalf("journal of the suspension: %+v, %v", ev, err)
		}

		h.tap(fluxRow.renew)
		if d.confirm == nil {
			t.Fatal("« Renouveler le secret » asks no confirmation")
		}
		h.tap(h.buttonIn(h.topOverlay(), "Renouveler"))
		if d.credentials == nil || d.credentials.secret.Text == flux.Credentials.Secret {
			t.Fatal("the renewal shows no new secret")
		}
		ms, err := h.portal().LookupDigests(ctx, [][]byte{service.SecretDigest(flux.Credentials.Secret), service.SecretDigest(grace.Credentials.Secret)})
		if err != nil || ms[0].Opens() || ms[1].Opens() {
			t.Fatalf("the exposed secrets after the renewal and the end of the grace: %+v, %v", ms, err)
		}
		if fluxRow.key.Text != "Ancien secret de la clé « Flux » : il n'ouvre plus la clé (Active — Cabinet)." || fluxRow.renew.Visible() || fluxRow.revoke.Visible() {
			t.Errorf("the renewed key's row: %q", fluxRow.key.Text)
		}
		h.tap(d.credentials.closeBtn)
		h.tap(h.buttonIn(h.topOverlay(), "Oui, fermer"))
		if d.credentials != nil || h.u.scan.dlg == nil {
			t.Fatal("the new secret's dialog stays open")
		}

		h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if h.topOverlay() != nil {
			t.Error("Escape does not close the dialog")
		}

		var journal bytes.Buffer
		if err := h.portal().ExportAudit(ctx, service.AuditFilter{}, &journal, nil); err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{paie.Credentials.Secret, flux.Credentials.Secret, grace.Credentials.Secret, stranger.Secret} {
			if strings.Contains(h.log.String(), s) || strings.Contains(journal.String(), s) {
				t.Fatal("a secret found is in the app's log or the journal")
			}
		}
		if bodies != nil && (strings.Contains(bodies.String(), service.SecretPrefix) || !strings.Contains(bodies.String(), "lookup-digests")) {
			t.Fatalf("the requests the server received hold %q, or no look-up", service.SecretPrefix)
		}
	})
}

// Annuler stops the scan under way: it ends « Recherche annulée ».
func TestScanDialogCancel(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	dir := t.TempDir()
	for i := range 20 {
		if err := os.WriteFile(filepath.Join(dir, string(rune('a'+i))+".txt"), []byte("rien"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h.u.onScanMenu()
	d := h.u.scan
	d.addFolder(dir)
	h.win.Canvas().OnTypedKey()(&keyReturn)
	if !d.cancelBtn.Visible() || !d.start.Disabled() {
		t.Fatal("a scan under way shows no Annuler, or lets another start")
	}
	d.cancelBtn.OnTapped()
	h.wait()
	if !strings.HasPrefix(d.status.Text, "Recherche annulée") || d.cancelBtn.Visible() || d.start.Disabled() {
		t.Fatalf("after Annuler: status %q", d.status.Text)
	}
}

// The summary counts in words: « 1 fichier lu », « 0 secret trouvé », « 2 fichiers
// lus », never « fichier(s) lu(s) ».
func TestScanSummaryAgreesWithItsCounts(t *testing.T) {
	if err := setUpLanguage(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		rep      scan.Report
		canceled bool
		want     string
	}{
		{scan.Report{Files: 1}, false, "Recherche terminée : 1 fichier lu, 0 secret trouvé."},
		{scan.Report{Files: 2, Findings: 1}, false, "Recherche terminée : 2 fichiers lus, 1 secret trouvé."},
		{scan.Report{Files: 12, Findings: 3}, true, "Recherche annulée : 12 fichiers lus, 3 secrets trouvés jusque-là."},
	} {
		if got := scanSummary(c.rep, c.canceled); got != c.want {
			t.Errorf("%+v: %q, want %q", c.rep, got, c.want)
		}
	}
}
