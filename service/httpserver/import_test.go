package httpserver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/api"
	"sesame/service/httpserver"
	"sesame/service/local"
)

// desktopFileOf makes a « Ce poste » file of firm sic as the desktop app does,
// through the local Portal, with two keys, one of them renewed; it returns the file
// and the credentials a partner deployed (the kept key's, the renewed key's new one).
func desktopFileOf(t *testing.T, sic string) (string, []service.Credentials) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sesame.db")
	p, err := local.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := p.SetUpFirm(ctx, service.FirmSetup{SICCode: sic, FirmName: "FUTUROSCOPE CEDEX", AdminName: "DELHUMEAU Vincent"}); err != nil {
		t.Fatal(err)
	}
	var creds []service.Credentials
	for _, name := range []string{"Banque", "Paie"} {
		g, err := p.Generate(ctx, service.GenerateRequest{Tiers: sic, Service: serviceLoop, Name: name})
		if err != nil {
			t.Fatal(err)
		}
		creds = append(creds, g.Credentials)
	}
	n, err := p.Renew(ctx, service.RenewRequest{KeyID: creds[1].Identifier, Grace: service.GraceDay, Version: 1})
	if err != nil {
		t.Fatal(err)
	}
	creds[1] = n.Credentials
	return path, creds
}

// upload sends body to POST /v1/import as bearer.
func (e *env) upload(bearer string, body []byte, dry bool) (int, http.Header, []byte) {
	e.t.Helper()
	path := "/v1/import"
	if dry {
		path += "?dryRun=true"
	}
	req, err := http.NewRequest("POST", e.url(path), bytes.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/vnd.sqlite3")
	req.Header.Set("Authorization", "Bearer "+bearer)
	return e.send(req)
}

// verifies reports whether the server verifies c.
func (e *env) verifies(c service.Credentials) bool {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.url("/v1/verify"), nil)
	req.Header.Set("x-apikey", c.Identifier+":"+c.Secret)
	status, _, _ := e.send(req)
	return status == http.StatusOK
}

// An administrator carries their desktop's file into their firm through /v1/import:
// another firm's administrator is refused, a dry run writes nothing and counts, the
// move makes the deployed secrets verify and journals the file's head, a second
// move adds nothing, a dry run of a later file counts the identifiers already here,
// and what is not Sésame's or too big is refused with a sentence.
func TestImportThroughV1(t *testing.T) {
	e := newEnv(t, func(c *httpserver.Config) { c.MaxImportBytes = 4 << 20 })
	file, creds := desktopFileOf(t, tiersA)
	body, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	bearerA := e.adminToken()
	_, tokB := e.signIn(loginB, e.passwordB)

	status, h, answer := e.upload(tokB.AccessToken, body, true)
	if p := refused(t, "another firm's file", status, h, answer, http.StatusForbidden, ""); !strings.Contains(p.Detail, "cabinet "+tiersA) {
		t.Fatalf("another firm's file: %q names no firm", p.Detail)
	}
	status, _, answer = e.upload("", body, true)
	if status != http.StatusUnauthorized {
		t.Fatalf("without a token: %d %s", status, answer)
	}

	var rep api.ImportReport
	status, _, answer = e.upload(bearerA, body, true)
	if status != http.StatusOK || json.Unmarshal(answer, &rep) != nil || !rep.DryRun || rep.Keys != 2 || rep.Events != 3 ||
		rep.Conflicts != 0 || rep.Already {
		t.Fatalf("dry run: %d %s", status, answer)
	}
	if e.verifies(creds[0]) {
		t.Fatal("a dry run imported the keys")
	}

	status, _, answer = e.upload(bearerA, body, false)
	if status != http.StatusOK || json.Unmarshal(answer, &rep) != nil || rep.DryRun || rep.Keys != 2 || rep.Events != 3 || rep.HeadSeq != 3 ||
		rep.Admins != 0 {
		t.Fatalf("import: %d %s", status, answer)
	}
	if _, err := e.st.Admin(context.Background(), "local"); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("the desktop's administrator came along: %v", err)
	}
	for _, c := range creds {
		if !e.verifies(c) {
			t.Fatalf("a deployed secret of %s does not verify after the move", c.Identifier)
		}
	}
	status, _, answer = e.do("GET", "/v1/audit?action=import", bearerA, nil)
	var audit api.AuditPage
	if status != http.StatusOK || json.Unmarshal(answer, &audit) != nil || len(audit.Events) != 1 ||
		!strings.HasPrefix(audit.Events[0].Detail, "3:"+rep.HeadHash[:8]) || audit.Events[0].Actor != "DELHUMEAU Vincent" {
		t.Fatalf("the import event: %d %s", status, answer)
	}
	status, _, answer = e.do("GET", "/v1/audit?action=import", tokB.AccessToken, nil)
	if status != http.StatusOK || strings.Contains(string(answer), rep.HeadHash) {
		t.Fatalf("firm B sees firm A's import: %d %s", status, answer)
	}

	status, _, answer = e.upload(bearerA, body, false)
	if status != http.StatusOK || json.Unmarshal(answer, &rep) != nil || !rep.Already || rep.Keys != 0 {
		t.Fatalf("second import: %d %s", status, answer)
	}

	// The app went on after the copy: a later file holds the keys already moved.
	p, err := local.Open(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Generate(context.Background(), service.GenerateRequest{Tiers: tiersA, Service: serviceLoop, Name: "Relances"}); err != nil {
		t.Fatal(err)
	}
	p.Close()
	later, _ := os.ReadFile(file)
	status, _, answer = e.upload(bearerA, later, true)
	if status != http.StatusOK || json.Unmarshal(answer, &rep) != nil || rep.Conflicts != 2 || !strings.Contains(rep.ConflictList, creds[0].Identifier) ||
		strings.Contains(rep.ConflictList, "(") { // an administrator never learns which firm holds an identifier
		t.Fatalf("dry run of a later file: %d %s", status, answer)
	}
	status, h, answer = e.upload(bearerA, later, false)
	if p := refused(t, "a later file", status, h, answer, http.StatusConflict, ""); !strings.Contains(p.Detail, "existent déjà sur le serveur") {
		t.Fatalf("a later file: %q", p.Detail)
	}

	status, h, answer = e.upload(bearerA, []byte("pas une base de données\n"), true)
	if p := refused(t, "not a Sésame file", status, h, answer, http.StatusUnprocessableEntity, ""); !strings.Contains(p.Detail, "n'est pas un fichier de données de Sésame") {
		t.Fatalf("not a Sésame file: %q", p.Detail)
	}
	status, h, answer = e.upload(bearerA, bytes.Repeat([]byte{0}, 5<<20), true)
	if p := refused(t, "too big", status, h, answer, http.StatusRequestEntityTooLarge, ""); !strings.Contains(p.Detail, "4 Mio") {
		t.Fatalf("too big: %q", p.Detail)
	}
	if strings.Contains(e.logs.String(), creds[0].Secret) {
		t.Fatal("a secret reached the log")
	}
}

// A desktop file whose attached tiers has the code of another firm's tiers on the
// server: refused with the code named, nothing written (the keys would otherwise
// land in the other firm's tiers).
func TestImportRefusesATiersOfAnotherFirm(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sesame.db")
	p, err := local.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.SetUpFirm(ctx, service.FirmSetup{SICCode: tiersA, FirmName: "FUTUROSCOPE CEDEX", AdminName: "DELHUMEAU Vincent"}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.AttachTiers(ctx, service.Tiers{Code: tiersB, Name: "BOULANGERIE", AttachedTo: tiersA}); err != nil {
		t.Fatal(err)
	}
	g, err := p.Generate(ctx, service.GenerateRequest{Tiers: tiersB, Service: serviceLoop, Name: "Caisse"})
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	body, _ := os.ReadFile(path)
	bearerA := e.adminToken()
	for _, dry := range []bool{true, false} {
		status, h, answer := e.upload(bearerA, body, dry)
		if p := refused(t, "a tiers of another firm", status, h, answer, http.StatusConflict, ""); !strings.Contains(p.Detail, tiersB) {
			t.Fatalf("a tiers of another firm (dry %v): %q names no tiers", dry, p.Detail)
		}
	}
	if _, err := e.st.KeyByID(ctx, g.Key.ID); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("the key went in: %v", err)
	}
}
